using Passport.Gateway.Policies;

namespace Passport.Gateway.Configuration;

/// <summary><c>--validate-config</c>: reads configuration as the gateway would and lists every problem of the <c>Passport</c> section and of route metadata.</summary>
public static class ConfigurationCheck
{
    /// <summary>Every problem found; empty when the configuration is valid.</summary>
    public static IReadOnlyList<string> Run(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var problems = new List<string>();
        var options = new PassportGatewayOptions();
        try
        {
            builder.Configuration.GetSection(PassportGatewayOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            problems.Add($"Passport: {e.Message}");
        }
        problems.AddRange(PassportGatewayOptionsValidator.Problems(options));

        var routes = builder.Configuration.GetSection("ReverseProxy:Routes").GetChildren().ToList();
        if (routes.Count == 0) problems.Add("ReverseProxy:Routes is empty: configure at least one route (see docs/routes.md).");
        var clusters = builder.Configuration.GetSection("ReverseProxy:Clusters").GetChildren().Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var route in routes)
        {
            var clusterId = route["ClusterId"];
            if (string.IsNullOrEmpty(clusterId) || !clusters.Contains(clusterId))
            {
                problems.Add($"Route '{route.Key}': ClusterId '{clusterId}' is not a cluster under ReverseProxy:Clusters.");
            }
            var metadata = RouteMetadataFlattener.Flatten(route.GetSection("Metadata"), null);
            RoutePolicy.Parse(route.Key, metadata, problems).CheckIssuerNames(route.Key, options.Issuers.Select(i => i?.Name), problems);
        }
        return problems;
    }
}
