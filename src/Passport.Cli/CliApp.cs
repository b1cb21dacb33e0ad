using System.CommandLine;

namespace Passport.Cli;

/// <summary>The <c>passport</c> command line: builds the command tree and runs it with the given writers.</summary>
public static class CliApp
{
    /// <summary>Runs <c>passport</c> with <paramref name="args"/>; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = Build(output, error);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine($"error: {parseError.Message}");
            }
            error.WriteLine("Run 'passport --help' for usage.");
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
    }

    private static RootCommand Build(TextWriter output, TextWriter error)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand(
            "passport: an agent's Passport identity (Ed25519 did:key), DPoP-bound tokens and signed calls.\n" +
            "State lives in $PASSPORT_HOME or ~/.passport (files mode 0600).\n\n" +
            "Quick start:\n" +
            "  passport keygen\n" +
            "  passport register --issuer http://127.0.0.1:8081 --owner-email owner@example.com\n" +
            "  passport login --resource http://127.0.0.1:8080/orders\n" +
            "  passport call GET http://127.0.0.1:8080/orders")
        {
            globals.Json,
            globals.Verbose,
            globals.Home,
        };
        root.Subcommands.Add(IdentityCommands.Keygen(globals, output, error));
        root.Subcommands.Add(IdentityCommands.Register(globals, output, error));
        root.Subcommands.Add(TokenCommands.Login(globals, output, error));
        root.Subcommands.Add(IdentityCommands.Whoami(globals, output, error));
        root.Subcommands.Add(TokenCommands.Call(globals, output, error));
        root.Subcommands.Add(IdentityCommands.Claim(globals, output, error));
        root.Subcommands.Add(DelegationCommands.Grant(globals, output, error));
        root.Subcommands.Add(DelegationCommands.Grants(globals, output, error));
        root.Subcommands.Add(DelegationCommands.Ungrant(globals, output, error));
        root.Subcommands.Add(DelegationCommands.Delegate(globals, output, error));
        root.Subcommands.Add(OwnerCommands.Rotate(globals, output, error));
        root.Subcommands.Add(OwnerCommands.Revoke(globals, output, error));
        root.Subcommands.Add(TokenCommands.Discover(globals, output, error));
        root.Subcommands.Add(OwnerCommands.Outbox(globals, output, error));
        return root;
    }
}
