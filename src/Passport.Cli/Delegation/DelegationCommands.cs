using System.CommandLine;
using Passport.Agent;

namespace Passport.Cli;

/// <summary><c>grant</c>, <c>grants</c>, <c>ungrant</c>, <c>delegate</c>.</summary>
internal static class DelegationCommands
{
    private static Option<string[]> ScopeOption(bool required) =>
        new("--scope") { Description = "A scope, e.g. read:orders (repeatable).", Required = required };

    public static Command Grant(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var actor = new Argument<string>("actor-handle") { Description = "The agent allowed to act for you." };
        var scope = ScopeOption(required: true);
        var command = new Command("grant", "As principal, let another agent act for you within scopes.\nExample: passport grant swiftly-golden-fox --scope read:orders") { actor, scope };
        command.SetHandler(globals, output, error, async (context, parse, ct) =>
        {
            var client = await context.ClientAsync(needIdentity: true, null, ct);
            var grant = await client.GrantAsync(parse.GetValue(actor)!, parse.GetValue(scope)!, ct);
            context.Write(grant, $"grant {grant.Id}: {grant.Actor} may act for {grant.Principal} with {string.Join(' ', grant.Scope)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Grants(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var command = new Command("grants", "List the grants where you are principal or actor.\nExample: passport grants --json");
        command.SetHandler(globals, output, error, async (context, _, ct) =>
        {
            var client = await context.ClientAsync(needIdentity: true, null, ct);
            var grants = await client.ListGrantsAsync(ct);
            context.Write(new { items = grants }, grants.Count == 0
                ? ["no grants"]
                : grants.Select(g => $"{g.Id}  {g.Principal} -> {g.Actor}  [{string.Join(' ', g.Scope)}]  {g.Status}").ToArray());
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Ungrant(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var id = new Argument<string>("id") { Description = "The grant id (see `passport grants`)." };
        var command = new Command("ungrant", "Revoke a grant you gave.\nExample: passport ungrant 3f2a9c") { id };
        command.SetHandler(globals, output, error, async (context, parse, ct) =>
        {
            var client = await context.ClientAsync(needIdentity: true, null, ct);
            await client.RevokeGrantAsync(parse.GetValue(id)!, ct);
            context.Write(new { id = parse.GetValue(id), status = "REVOKED" }, $"grant {parse.GetValue(id)} revoked");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Delegate(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var principal = new Option<string>("--principal") { Description = "The handle you act for.", Required = true };
        var scope = ScopeOption(required: false);
        var audience = new AudienceOptions();
        var command = new Command("delegate", "As actor, exchange your token for a delegation token (act) and store it for its audience;\n" +
            "later `passport call`s to that audience act for the principal (run `passport login` to go back).\n" +
            "Example: passport delegate --principal quietly-brave-crane --scope read:orders --resource http://127.0.0.1:8080/orders") { principal, scope };
        audience.AddTo(command);
        command.SetHandler(globals, output, error, async (context, parse, ct) =>
        {
            var client = await context.ClientAsync(needIdentity: true, null, ct);
            var aud = await audience.ResolveAsync(client, parse, ct);
            var scopes = parse.GetValue(scope);
            var token = await client.ExchangeAsync(parse.GetValue(principal)!, scopes is { Length: > 0 } ? scopes : null, aud, ct);
            context.Store.SaveToken(token);
            context.Write(new { token.Audience, token.Principal, token.Scope, token.GrantId },
                $"delegation token for {token.Audience}: acting for {token.Principal} with {string.Join(' ', token.Scope ?? [])}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
