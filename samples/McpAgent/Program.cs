using McpAgent;

// Usage: McpAgent <mcp-url> [--without-proof]
// The agent's identity comes from $PASSPORT_HOME (as `passport keygen` / `register` left it).
if (args.Length is < 1 or > 2 || !Uri.TryCreate(args[0], UriKind.Absolute, out var endpoint)
    || (args.Length == 2 && args[1] != "--without-proof"))
{
    Console.Error.WriteLine("usage: McpAgent <mcp-url> [--without-proof]   (identity from $PASSPORT_HOME)");
    return 2;
}

using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
return args.Length == 2
    ? await McpSession.ShowRefusalWithoutProofAsync(endpoint, cancel.Token)
    : await McpSession.ListAndCallAsync(endpoint, cancel.Token);
