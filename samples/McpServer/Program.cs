McpServer.McpApp.Build(args).Run();

/// <summary>Entry point, public so tests can reference the assembly.</summary>
public partial class Program;
