using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Passport.Gateway.Telemetry;

/// <summary>
/// OpenTelemetry: metrics always collected (meter <c>Passport.Gateway</c>, ASP.NET Core, HttpClient); traces and exporters only when
/// an exporter is configured — OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (all standard <c>OTEL_*</c> variables apply),
/// the console exporter when <c>Passport:Telemetry:Console=true</c>. No exporter, no per-request span cost.
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
        if (otlp)
        {
            builder.Logging.AddOpenTelemetry(logging => logging.IncludeScopes = false);
            otel.UseOtlpExporter();
        }
    }
}
