using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Passport.Gateway.Telemetry;

/// <summary>
/// OpenTelemetry: metrics always collected (meter <c>Passport.Gateway</c>, ASP.NET Core, HttpClient); traces and exporters only when
/// an exporter is configured — OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (all standard <c>OTEL_*</c> variables apply),
/// the console exporter when <c>Passport:Telemetry:Console=true</c>. No exporter, no per-request span cost: then the
/// ASP.NET Core hosting logger is off as well (see <see cref="QuietHostingDiagnostics"/>).
/// </summary>
internal static class GatewayOpenTelemetry
{
    public static void Add(WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var console = builder.Configuration.GetValue<bool>("Passport:Telemetry:Console");
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "passport-gateway"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(GatewayTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (console) metrics.AddConsoleExporter();
            });
        if (otlp || console)
        {
            otel.WithTracing(tracing =>
            {
                tracing.AddSource(GatewayTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (console) tracing.AddConsoleExporter();
            });
        }
        else
        {
            QuietHostingDiagnostics(builder);
        }
        if (otlp)
        {
            builder.Logging.AddOpenTelemetry(logging => logging.IncludeScopes = false);
            otel.UseOtlpExporter();
        }
    }

    /// <summary>
    /// While the <c>Microsoft.AspNetCore.Hosting.Diagnostics</c> logger is enabled at any level, ASP.NET Core starts an
    /// <see cref="System.Diagnostics.Activity"/> (new trace and span ids) and a logging scope for every request, whether or
    /// not anything records them (PERF-FACTS.md: ≈ 11–17 µs per request). With no trace exporter nothing records them, and
    /// that logger only writes per-request Information/Debug lines, which the defaults (Warning) drop anyway. An explicit
    /// <c>Logging:LogLevel:Microsoft.AspNetCore.Hosting…</c> setting is honoured.
    /// </summary>
    private static void QuietHostingDiagnostics(WebApplicationBuilder builder)
    {
        const string category = "Microsoft.AspNetCore.Hosting.Diagnostics";
        var levels = builder.Configuration.GetSection("Logging:LogLevel");
        if (levels[category] is not null || levels["Microsoft.AspNetCore.Hosting"] is not null) return;
        builder.Logging.AddFilter(category, LogLevel.None);
    }
}
