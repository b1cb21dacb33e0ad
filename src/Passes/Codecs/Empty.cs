namespace Passes;

/// <summary>The value of an empty (Void) body.</summary>
public readonly record struct Empty
{
    /// <summary>The single value.</summary>
    public static Empty Value => default;
}
