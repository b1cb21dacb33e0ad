namespace Passes;

/// <summary>The outcome of <c>ApprovalBodyValidator.Validate</c>.</summary>
/// <param name="Failure">Why it failed, or <see cref="ApprovalFailure.None"/>.</param>
public sealed record ApprovalValidationResult(ApprovalFailure Failure)
{
    /// <summary>The passing result.</summary>
    public static ApprovalValidationResult Valid { get; } = new(ApprovalFailure.None);

    /// <summary>Whether every check passed.</summary>
    public bool IsValid => Failure == ApprovalFailure.None;
}
