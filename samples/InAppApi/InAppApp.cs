using Microsoft.Extensions.Configuration.Memory;
using Passport.AspNetCore;
using Passport.Core.Tokens;

namespace InAppApi;

/// <summary>
/// An API that verifies Passport callers itself, without the gateway: <c>AddAuthentication().AddPassport(…)</c> with the
/// IdP's JWKS as signing-key source and the in-memory replay store (docs/aspnetcore.md).
/// </summary>
public static class InAppApp
{
    /// <summary>Where the API listens when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8083";

    /// <summary>The scope <c>POST /orders</c> requires of delegation tokens.</summary>
    public const string WriteScope = "orders:write";

    /// <summary>Builds the app; <paramref name="configure"/> runs before services are added (tests set configuration there).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning" },
        });
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        configure?.Invoke(builder);

        var settings = builder.Configuration.GetSection(InAppSettings.SectionName).Get<InAppSettings>() ?? new InAppSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton<IdpSigningKeys>();
        builder.Services.AddSingleton<ISigningKeyResolver>(sp => sp.GetRequiredService<IdpSigningKeys>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IdpSigningKeys>());

        builder.Services.AddAuthentication(PassportAuthenticationDefaults.AuthenticationScheme)
            .AddPassport(o =>
            {
                o.Issuer = settings.Issuer.TrimEnd('/');
                o.Audiences = [settings.PublicOrigin.TrimEnd('/')];
                o.PublicOrigin = settings.PublicOrigin;
            });
        builder.Services.AddAuthorization(o => o.AddPolicy(WriteScope, p => p.RequirePassportScope(WriteScope)));

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGet("/healthz", (IdpSigningKeys keys) => keys.IsLoaded ? Results.Ok(new { status = "ok" }) : Results.StatusCode(503)).AllowAnonymous();
        app.MapGet("/whoami", (HttpContext context) =>
        {
            var token = ((PassportPrincipal)context.User).Token;
            return Results.Json(new { sub = token.Subject, handle = token.Handle, status = token.Status, act = token.Actor?.Handle, scope = token.Scope ?? [] });
        }).RequireAuthorization();
        app.MapPost("/orders", (HttpContext context) =>
        {
            var token = ((PassportPrincipal)context.User).Token;
            return Results.Json(new { created = true, by = token.Actor?.Handle ?? token.Handle, onBehalfOf = token.Handle }, statusCode: 201);
        }).RequireAuthorization(WriteScope);
        return app;
    }
}
