using System.Globalization;
using Xunit.Abstractions;

namespace Passport.Deploy.Tests.Containers;

/// <summary>
/// The images of deploy/image/build.sh: two builds of one commit give one digest; non-root; no shell, no package
/// manager; within the size budget of docs/deploy-kubernetes.md; labels with the commit and its time.
/// </summary>
[Collection(ContainerCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ImageTests(ContainerImages images, ITestOutputHelper output)
{
    /// <summary>Uncompressed image size budgets (podman's Size), documented in docs/deploy-kubernetes.md.</summary>
    public static readonly IReadOnlyDictionary<string, long> BudgetBytes = new Dictionary<string, long>
    {
        ["passport-gateway"] = 150_000_000,
        ["passport-server"] = 150_000_000,
        ["passport-legacy-api"] = 135_000_000,
    };

    private static string NameOf(BuiltImage image) => image.Image.Split('/')[^1].Split(':')[0];

    [ContainerFact]
    public void Two_builds_of_the_same_commit_give_the_same_digest()
    {
        output.WriteLine($"commit {images.Commit}; both builds side by side took {images.WallSeconds} s");
        foreach (var image in new[] { images.Gateway, images.Server, images.LegacyApi, images.LegacyApiAgain })
        {
            output.WriteLine(image.ToString());
        }

        Assert.Matches("^sha256:[0-9a-f]{64}$", images.LegacyApi.Digest);
        Assert.NotEqual(images.LegacyApi.Image, images.LegacyApiAgain.Image);
        Assert.Equal(images.LegacyApi.Digest, images.LegacyApiAgain.Digest);
    }

    [ContainerFact]
    public async Task Labels_name_the_commit_and_its_time()
    {
        var created = DateTimeOffset.FromUnixTimeSeconds(images.CommitEpoch).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        foreach (var image in images.Distinct)
        {
            Assert.Equal(images.Commit, image.Revision);
            var labels = await images.Podman.RunOkAsync("image", "inspect", "--format",
                "{{index .Labels \"org.opencontainers.image.revision\"}} {{index .Labels \"org.opencontainers.image.created\"}} {{index .Labels \"org.opencontainers.image.title\"}}",
                image.Image);
            Assert.Equal($"{images.Commit} {created} {NameOf(image)}", labels);
            var createdAt = await images.Podman.RunOkAsync("image", "inspect", "--format", "{{.Created.Unix}}", image.Image);
            Assert.Equal(images.CommitEpoch.ToString(CultureInfo.InvariantCulture), createdAt);
        }
    }

    [ContainerFact]
    public async Task Images_run_as_uid_10001()
    {
        foreach (var image in images.Distinct)
        {
            var user = await images.Podman.RunOkAsync("image", "inspect", "--format", "{{.Config.User}}", image.Image);
            Assert.Equal("10001:10001", user);
        }
    }

    [ContainerFact]
    public async Task Images_have_no_shell_and_no_package_manager()
    {
        string[] forbidden =
        [
            "bin/sh", "bin/bash", "bin/dash", "bin/busybox", "usr/bin/sh", "usr/bin/bash", "usr/bin/dash",
            "usr/bin/apt", "usr/bin/apt-get", "usr/bin/dpkg", "usr/bin/apk", "usr/bin/rpm", "usr/bin/microdnf",
        ];
        foreach (var image in images.Distinct)
        {
            var name = $"passport-shell-probe-{Guid.NewGuid().ToString("N")[..8]}";
            try
            {
                var shell = await images.Podman.RunAsync(
                    ["run", "--rm", "--pull=never", "--name", name, "--network=none", "--entrypoint", "/bin/sh", image.Image, "-c", "echo shell-present"]);
                Assert.NotEqual(0, shell.ExitCode);
                Assert.DoesNotContain("shell-present", shell.Output, StringComparison.Ordinal);
            }
            finally
            {
                await images.Podman.RunAsync(["rm", "-f", name]);
            }

            var files = await images.Podman.ListFilesAsync(image.Image);
            Assert.Contains($"app/{NameOf(image) switch { "passport-gateway" => "Passport.Gateway.Host", "passport-server" => "Passport.Server", _ => "LegacyApi" }}", files);
            Assert.Contains("lib/x86_64-linux-gnu/libssl.so.3", files);
            Assert.Empty(files.Intersect(forbidden));
            Assert.DoesNotContain(files, f => f.StartsWith("bin/", StringComparison.Ordinal) || f.StartsWith("usr/bin/", StringComparison.Ordinal) || f.StartsWith("sbin/", StringComparison.Ordinal));
        }
    }

    [ContainerFact]
    public void Images_fit_their_size_budget()
    {
        foreach (var image in images.Distinct)
        {
            output.WriteLine(image.ToString());
            Assert.InRange(image.ImageBytes, 1, BudgetBytes[NameOf(image)]);
        }
    }
}
