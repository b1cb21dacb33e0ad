using Passport.Testing;

namespace Passport.Deploy.Tests;

/// <summary>Every overlay renders with the real kubectl; the prod overlays pin images by digest and use TLS Redis.</summary>
public sealed class KustomizeTests : IClassFixture<RenderDirectory>
{
    private readonly RenderDirectory _dir;

    public KustomizeTests(RenderDirectory dir) => _dir = dir;

    public static TheoryData<string> Overlays() => new(DeployTools.Overlays());

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Overlay_renders_with_kubectl_kustomize(string overlay)
    {
        var file = await DeployTools.KustomizeAsync(overlay, _dir.Path);
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("kind: Deployment", text);
        Assert.Contains("name: passport-gateway", text);
        Assert.Contains("name: passport-server", text);
    }

    [Fact]
    public void There_are_dev_and_prod_overlays() =>
        Assert.Superset(new HashSet<string> { "dev", "prod" }, DeployTools.Overlays().ToHashSet());

    [Theory]
    [InlineData("prod")]
    [InlineData("prod-gateway-api")]
    [InlineData("prod-edge")]
    public async Task Prod_overlays_pin_images_by_digest_and_use_redis_with_tls_and_a_password(string overlay)
    {
        var text = await File.ReadAllTextAsync(await DeployTools.KustomizeAsync(overlay, _dir.Path));
        var images = text.Split('\n').Where(l => l.TrimStart().StartsWith("image:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(images);
        Assert.All(images, l => Assert.Matches("@sha256:[0-9a-f]{64}$", l.Trim()));
        Assert.Contains("ssl=true", text);
        Assert.Contains("password=$(REDIS_PASSWORD)", text);
        Assert.Contains("name: passport-redis", text);
        Assert.Contains("replicas: 3", text);
    }

    [Fact]
    public async Task Dev_overlay_brings_its_own_redis_and_postgres()
    {
        var text = await File.ReadAllTextAsync(await DeployTools.KustomizeAsync("dev", _dir.Path));
        Assert.Contains("kind: StatefulSet", text);
        Assert.Contains("image: docker.io/library/redis:", text);
        Assert.Contains("image: docker.io/library/postgres:", text);
        Assert.DoesNotContain("ssl=true", text);
    }
}
