using System.Globalization;
using Passport.Load.Auth;
using Passport.Load.Metrics;
using Passport.Load.Processes;

namespace Passport.Load.Suite;

/// <summary>
/// Starts the processes each scenario measures, as real processes on free loopback ports;
/// <paramref name="gatewayEnvironment"/> adds environment variables to the gateway process (A/B runs of runtime settings).
/// </summary>
public sealed class TargetLauncher(RepoPaths paths, IdpStub idp, EcdsaBearerTokens bearerTokens, IReadOnlyDictionary<string, string>? gatewayEnvironment = null)
{
    /// <summary>The project folder of the comparison hosts.</summary>
    public const string TargetsProject = "load-tests/Passport.Load.Targets";

    /// <summary>The upstream's project folder.</summary>
    public const string UpstreamProject = "samples/LegacyApi";

    /// <summary>The gateway's project folder.</summary>
    public const string GatewayProject = "src/Passport.Gateway.Host";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The issuer the JwtBearer host accepts.</summary>
    public const string BearerIssuer = "https://load-test-issuer.invalid";

    /// <summary>The audience the JwtBearer host accepts.</summary>
    public const string BearerAudience = "legacy-api";

    /// <summary>The identity provider stand-in (JWKS, feed).</summary>
    public IdpStub Idp => idp;

    /// <summary>The ES256 token minting key of the JwtBearer comparison.</summary>
    public EcdsaBearerTokens BearerTokens => bearerTokens;

    /// <summary>Starts samples/LegacyApi; returns the process and its base URL.</summary>
    public async Task<(ChildProcess Process, string Url)> StartUpstreamAsync(CancellationToken cancellationToken)
    {
        var url = Url(FreePort.Get());
        var process = ChildProcess.StartDotnet("upstream", paths.ProjectDll(UpstreamProject), ["--urls", url]);
        await WaitAsync(process, url + "/healthz", cancellationToken).ConfigureAwait(false);
        return (process, url);
    }

    /// <summary>Starts the target of scenario <paramref name="name"/> in front of <paramref name="upstream"/>.</summary>
    public async Task<RunningTarget> StartAsync(string name, ChildProcess upstream, string upstreamUrl, CancellationToken cancellationToken)
    {
        var client = new MeasuredProcess("load client", Environment.ProcessId);
        var upstreamMeasured = new MeasuredProcess("upstream", upstream.Pid);
        switch (name)
        {
            case TargetNames.Direct:
                return new RunningTarget(name, new Uri(upstreamUrl), [], [upstreamMeasured, client]);
            case TargetNames.BareYarp:
            case TargetNames.YarpJwtBearer:
                {
                    var url = Url(FreePort.Get());
                    List<string> args = [name, "--urls", url, "--upstream", upstreamUrl];
                    if (name == TargetNames.YarpJwtBearer)
                    {
                        args.AddRange(["--issuer", BearerIssuer, "--audience", BearerAudience, "--es256-public-key", bearerTokens.PublicKeySpki]);
                    }

                    var proxy = ChildProcess.StartDotnet("proxy", paths.ProjectDll(TargetsProject), args);
                    await WaitAsync(proxy, url + "/target-healthz", cancellationToken).ConfigureAwait(false);
                    return new RunningTarget(name, new Uri(url), [proxy], [new MeasuredProcess("proxy", proxy.Pid), upstreamMeasured, client]);
                }

            default:
                return await StartGatewayAsync(name, upstreamMeasured, client, upstreamUrl, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<RunningTarget> StartGatewayAsync(string name, MeasuredProcess upstream, MeasuredProcess client, string upstreamUrl, CancellationToken cancellationToken)
    {
        RedisProcess? redis = null;
        if (TargetNames.NeedsRedis(name))
        {
            redis = await RedisProcess.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var url = Url(FreePort.Get());
            var config = GatewayConfig.Create(url, idp.Issuer, upstreamUrl, redis?.ConnectionString, name == TargetNames.GatewayEs256 ? idp.Es256 : null);
            var gateway = ChildProcess.StartDotnet("gateway", paths.ProjectDll(GatewayProject), ["--urls", url, .. config], gatewayEnvironment);
            await WaitAsync(gateway, url + "/readyz", cancellationToken).ConfigureAwait(false);
            List<MeasuredProcess> measured = [new("proxy", gateway.Pid), upstream];
            if (redis is not null)
            {
                measured.Add(new MeasuredProcess("redis", redis.Pid));
            }

            measured.Add(client);
            return new RunningTarget(name, new Uri(url), [gateway], measured, redis);
        }
        catch
        {
            if (redis is not null)
            {
                await redis.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private static async Task WaitAsync(ChildProcess process, string url, CancellationToken cancellationToken)
    {
        try
        {
            await process.WaitForHttpAsync(url, StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string Url(int port) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
}
