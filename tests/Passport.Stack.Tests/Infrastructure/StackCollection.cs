namespace Passport.Stack.Tests.Infrastructure;

/// <summary>
/// Every test that runs <c>./run.sh</c>: one at a time (each starts three servers and the CLI on a shared machine), after
/// one build of the stack so that run.sh's own build is a no-op.
/// </summary>
[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackBuild>
{
    /// <summary>The collection name.</summary>
    public const string Name = "run.sh";
}
