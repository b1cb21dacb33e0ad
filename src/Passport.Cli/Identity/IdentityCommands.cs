using System.CommandLine;
using Passport.Agent;

namespace Passport.Cli;

/// <summary><c>keygen</c>, <c>register</c>, <c>whoami</c>, <c>claim</c>.</summary>
internal static class IdentityCommands
{
    public static Command Keygen(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var name = new Option<string?>("--name") { Description = "A display name for the agent." };
        var force = new Option<bool>("--force") { Description = "Replace an existing identity (its private key is lost)." };
        var command = new Command("keygen", "Generate an Ed25519 key and did:key, saved to identity.json (mode 0600).\nExample: passport keygen --name \"research agent\"") { name, force };
        command.SetHandler(globals, output, error, (context, parse, _) =>
        {
            using var identity = AgentIdentity.Generate(parse.GetValue(name));
            context.Store.Save(identity, overwrite: parse.GetValue(force));
            context.Write(new { did = identity.Did.Value, jkt = identity.Jkt, path = context.Store.IdentityPath },
                $"did:   {identity.Did.Value}", $"saved: {context.Store.IdentityPath} (0600)");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    public static Command Register(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var issuer = new Option<string>("--issuer") { Description = "The Passport IdP URL.", Required = true };
        var email = new Option<string?>("--owner-email") { Description = "The owner's email; they receive a claim link." };
        var name = new Option<string?>("--name") { Description = "A display name for the agent." };
        var command = new Command("register", "Register this identity's DID with an IdP and receive a handle.\nExample: passport register --issuer http://127.0.0.1:8081 --owner-email owner@example.com") { issuer, email, name };
        command.SetHandler(globals, output, error, async (context, parse, ct) =>
        {
            var client = await context.ClientAsync(needIdentity: true, parse.GetValue(issuer), ct);
            var result = await client.RegisterAsync(parse.GetValue(email), parse.GetValue(name), ct);
            context.Write(new { result.Handle, result.Did, result.Status, result.Name, issuer = client.Discovery!.Issuer },
                $"handle: {result.Handle}", $"did:    {result.Did}", $"status: {result.Status}", $"issuer: {client.Discovery!.Issuer}");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Whoami(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var command = new Command("whoami", "Show this agent's identity as the IdP sees it (GET /me).\nExample: passport whoami --json");
        command.SetHandler(globals, output, error, async (context, _, ct) =>
        {
            var client = await context.ClientAsync(needIdentity: true, null, ct);
            var me = await client.MeAsync(ct);
            context.Write(new { me.Did, me.Handle, me.Status, me.Name, issuer = client.Discovery!.Issuer, jkt = client.Identity!.Jkt },
                $"handle: {me.Handle}", $"did:    {me.Did}", $"status: {me.Status}", $"name:   {me.Name}", $"issuer: {client.Discovery!.Issuer}");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Claim(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var token = new Argument<string?>("token") { Description = "The claim token or the whole /claim?token=… link.", Arity = ArgumentArity.ZeroOrOne };
        var issuer = new Option<string?>("--issuer") { Description = "The IdP URL (default: the identity's issuer)." };
        var fromOutbox = new Option<bool>("--from-outbox") { Description = "Development only: take the newest claim link from the IdP's /dev/outbox." };
        var command = new Command("claim", "Redeem an owner's claim token: the record becomes CLAIMED.\nExample: passport claim 'http://127.0.0.1:8081/claim?token=…'") { token, issuer, fromOutbox };
        command.SetHandler(globals, output, error, async (context, parse, ct) =>
        {
            var client = await context.ClientAsync(needIdentity: false, parse.GetValue(issuer), ct);
            var value = parse.GetValue(token);
            if (parse.GetValue(fromOutbox))
            {
                value = OwnerLink.FindNewest(await client.GetDevOutboxAsync(ct), OwnerLink.ClaimPath)
                    ?? throw new PassportAgentException(AgentErrorCodes.ArgumentInvalid, "The dev outbox holds no claim link.");
            }
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new PassportAgentException(AgentErrorCodes.ArgumentInvalid, "Pass the claim token (or link), or --from-outbox on a development IdP.");
            }
            var result = await client.ClaimAsync(value, ct);
            context.Write(new { result.Handle, result.Did, result.Status }, $"{result.Handle} is {result.Status}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
