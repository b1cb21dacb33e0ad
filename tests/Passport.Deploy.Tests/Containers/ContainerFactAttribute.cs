namespace Passport.Deploy.Tests.Containers;

/// <summary>
/// A fact that needs podman, buildah and runc. It runs (and fails with a clear message when the tools are missing:
/// a missing tool is never a silent pass) unless <c>PASSPORT_SKIP_CONTAINERS=1</c>, which reports it as skipped.
/// xunit 2 has no dynamic skip, so the decision is taken here, when the test is discovered.
/// </summary>
public sealed class ContainerFactAttribute : FactAttribute
{
    public const string SkipVariable = "PASSPORT_SKIP_CONTAINERS";

    public ContainerFactAttribute()
    {
        if (SkipRequested)
        {
            Skip = $"{SkipVariable}=1: container tests skipped (images not built, nothing run)";
        }
    }

    public static bool SkipRequested => Environment.GetEnvironmentVariable(SkipVariable) == "1";
}
