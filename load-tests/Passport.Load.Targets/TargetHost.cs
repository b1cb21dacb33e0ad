using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Passport.Load.Targets;

/// <summary>Builds the bare YARP or YARP + JwtBearer host.</summary>
public static class TargetHost
{
    /// <summary>Builds the host of <paramref name="kind"/> (<see cref="TargetKinds"/>) from command-line settings.</summary>
    public static WebApplication Build(string kind, string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var upstream = builder.Configuration["upstream"]
            ?? throw new ArgumentException("--upstream http://127.0.0.1:N is required: the upstream the route forwards to.");
        var authenticate = kind == TargetKinds.YarpJwtBearer;
        builder.Services.AddReverseProxy().LoadFromMemory(ProxyRoutes.Routes(authenticate ? "bearer" : null), ProxyRoutes.Clusters(upstream));
        if (authenticate)
        {
            AddJwtBearer(builder);
        }

        var app = builder.Build();
        app.MapGet("/target-healthz", () => Results.Text("ok"));
        if (authenticate)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        app.MapReverseProxy();
        return app;
    }

    private static void AddJwtBearer(WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var issuer = config["issuer"] ?? throw new ArgumentException("--issuer is required for yarp-jwtbearer.");
        var audience = config["audience"] ?? throw new ArgumentException("--audience is required for yarp-jwtbearer.");
        var spki = config["es256-public-key"] ?? throw new ArgumentException("--es256-public-key (base64 SubjectPublicKeyInfo of a P-256 key) is required for yarp-jwtbearer.");
        var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(spki), out _);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = issuer,
                ValidAudience = audience,
                IssuerSigningKey = new ECDsaSecurityKey(ecdsa) { KeyId = "load-es256" },
                ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy("bearer", policy => policy.RequireAuthenticatedUser());
    }
}
