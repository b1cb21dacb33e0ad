using System.CommandLine;
using Passport.Agent;

namespace Passport.Cli;

/// <summary><c>--audience URL | --resource URL</c>: the token audience given, or discovered from a resource's 401 and RFC 9728 metadata.</summary>
internal sealed class AudienceOptions
{
    public Option<string?> Audience { get; } = new("--audience") { Description = "The token audience (aud), e.g. the gateway URL. Default: the issuer." };

    public Option<string?> Resource { get; } = new("--resource") { Description = "A protected URL; its 401 and metadata tell the audience." };

    public void AddTo(Command command)
    {
        command.Options.Add(Audience);
        command.Options.Add(Resource);
    }

    public async Task<string?> ResolveAsync(PassportClient client, ParseResult parse, CancellationToken cancellationToken)
    {
        var audience = parse.GetValue(Audience);
        var resource = parse.GetValue(Resource);
        if (audience is not null && resource is not null)
        {
            throw new PassportAgentException(AgentErrorCodes.ArgumentInvalid, "Give either --audience or --resource, not both.");
        }
        if (resource is null)
        {
            return audience;
        }
        var issuerDiscovery = client.Discovery;
        var discovery = await client.DiscoverAsync(CliContext.ParseUrl(resource, "--resource"), cancellationToken);
        if (issuerDiscovery is not null && discovery.Issuer.TrimEnd('/') != issuerDiscovery.Issuer.TrimEnd('/'))
        {
            throw new PassportAgentException(AgentErrorCodes.DiscoveryIssuerMismatch,
                $"{resource} trusts {discovery.Issuer}, but this identity is registered with {issuerDiscovery.Issuer}.");
        }
        return discovery.Audience;
    }
}
