using System.CommandLine;
using System.Text.Json;
using Passport.Agent;

namespace Passport.Cli;

/// <summary>What one command invocation works with: its writers, the state folder, an HTTP client and output helpers.</summary>
internal sealed class CliContext : IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly List<IDisposable> _owned = [];

    public CliContext(ParseResult parse, GlobalOptions globals, TextWriter output, TextWriter error)
    {
        Output = output;
        Error = error;
        Json = parse.GetValue(globals.Json);
        Verbose = parse.GetValue(globals.Verbose);
        Store = new IdentityStore(parse.GetValue(globals.Home));
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        _owned.Add(Http);
    }

    public TextWriter Output { get; }
    public TextWriter Error { get; }
    public bool Json { get; }
    public bool Verbose { get; }
    public IdentityStore Store { get; }
    public HttpClient Http { get; }

    public AgentIdentity LoadIdentity()
    {
        var identity = Store.Load();
        _owned.Add(identity);
        return identity;
    }

    /// <summary>A client for the stored identity (when <paramref name="needIdentity"/>) discovering <paramref name="issuer"/> or the identity's issuer.</summary>
    public async Task<PassportClient> ClientAsync(bool needIdentity, string? issuer, CancellationToken cancellationToken)
    {
        var identity = needIdentity ? LoadIdentity() : Store.HasIdentity ? LoadIdentity() : null;
        var client = new PassportClient(Http, identity, new PassportClientOptions { Store = Store });
        var issuerUrl = issuer ?? identity?.Issuer;
        if (issuerUrl is null)
        {
            throw new PassportAgentException(AgentErrorCodes.IssuerUnknown, "No issuer known: register first (`passport register --issuer URL`) or pass --issuer URL.");
        }
        await client.DiscoverIssuerAsync(ParseUrl(issuerUrl, "--issuer"), cancellationToken);
        return client;
    }

    public static Uri ParseUrl(string text, string what) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new PassportAgentException(AgentErrorCodes.ArgumentInvalid, $"{what} must be an absolute http(s) URL, got '{text}'.");

    /// <summary>Writes <paramref name="value"/> as one JSON line with --json, else the human lines.</summary>
    public void Write(object value, params string[] human)
    {
        if (Json)
        {
            Output.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
            return;
        }
        foreach (var line in human)
        {
            Output.WriteLine(line);
        }
    }

    public void WriteErrorJson(object value) => Error.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    public void Dispose()
    {
        foreach (var disposable in _owned)
        {
            disposable.Dispose();
        }
    }
}
