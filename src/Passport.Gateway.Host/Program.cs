using Microsoft.Extensions.Configuration.Json;
using Passport.Gateway;
using Passport.Gateway.Configuration;

// passport-gateway.defaults.json (next to the binary) holds the local-stack defaults; appsettings, environment and
// command line override it. It is not appsettings.json so that hosts embedding the gateway (tests) never pick it up.
void AddDefaults(WebApplicationBuilder builder)
{
    var source = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, "passport-gateway.defaults.json"), Optional = true };
    source.ResolveFileProvider();
    builder.Configuration.Sources.Insert(0, source);
}

if (args.Contains("--validate-config"))
{
    var problems = ConfigurationCheck.Run(args.Where(a => a != "--validate-config").ToArray(), AddDefaults);
    foreach (var problem in problems) Console.Error.WriteLine($"error: {problem}");
    Console.WriteLine(problems.Count == 0 ? "Configuration is valid." : $"{problems.Count} configuration problem(s).");
    return problems.Count == 0 ? 0 : 1;
}

PassportGateway.Build(args, AddDefaults).Run();
return 0;
