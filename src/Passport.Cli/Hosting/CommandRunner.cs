using System.CommandLine;
using Passport.Agent;

namespace Passport.Cli;

/// <summary>Runs a command body with one error policy: one line on stderr (JSON with --json), a stack trace only with --verbose.</summary>
internal static class CommandRunner
{
    public static void SetHandler(this Command command, GlobalOptions globals, TextWriter output, TextWriter error,
        Func<CliContext, ParseResult, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var context = new CliContext(parse, globals, output, error);
            try
            {
                return await body(context, parse, cancellationToken);
            }
            catch (Exception e) when (e is PassportAgentException or HttpRequestException or TaskCanceledException or IOException or UnauthorizedAccessException)
            {
                var (code, status, exit) = e switch
                {
                    PassportApiException api => (api.Code, (int?)api.Status, ExitCodes.Failed),
                    PassportAgentException agent => (agent.Code, null, ExitCodes.Failed),
                    HttpRequestException => ("network.unreachable", null, ExitCodes.Network),
                    TaskCanceledException => ("network.timeout", null, ExitCodes.Network),
                    _ => ("io.failed", null, ExitCodes.Failed),
                };
                if (context.Json)
                {
                    context.WriteErrorJson(new { error = new { code, status, message = e.Message } });
                }
                else
                {
                    error.WriteLine($"error: {e.Message}" + (e is PassportAgentException and not PassportApiException ? $" [{code}]" : ""));
                }
                if (context.Verbose)
                {
                    error.WriteLine(e.ToString());
                }
                return exit;
            }
        });
    }
}
