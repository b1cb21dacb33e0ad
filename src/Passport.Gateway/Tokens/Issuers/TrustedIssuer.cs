using Passport.Gateway.Configuration;

namespace Passport.Gateway.Tokens.Issuers;

/// <summary>One entry of <c>Passport:Issuers</c> at run time: its settings, validator and keys.</summary>
internal sealed record TrustedIssuer(IssuerSettings Settings, ForeignTokenValidator Validator, IssuerKeySource Keys)
{
    public string Name => Settings.Name!;
}
