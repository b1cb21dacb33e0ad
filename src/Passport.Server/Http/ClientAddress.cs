using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Passport.Core.Proxies;
using Passport.Server.Configuration;

namespace Passport.Server.Http;

/// <summary>
/// The client address that per-address rate limits count. Behind an ingress every peer is the ingress, so with
/// <c>Passport:TrustedProxies</c> set, ASP.NET Core's forwarded-headers middleware walks <c>X-Forwarded-For</c> from the
/// right while the hop is a trusted proxy and sets <see cref="ConnectionInfo.RemoteIpAddress"/> to the right-most
/// untrusted address. From any other peer the header is ignored, so a client cannot choose its own bucket.
/// Only <c>X-Forwarded-For</c> is applied: the IdP builds every URL from <c>Passport:Issuer</c>, never from Host or scheme.
/// </summary>
internal static class ClientAddress
{
    public static IServiceCollection AddPassportClientAddress(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<PassportServerOptions>>((forwarded, passport) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // No hop limit: every trusted proxy in a chain (CDN → ingress) is walked through; the first untrusted hop stops it.
            forwarded.ForwardLimit = null;
            // The defaults trust loopback; only the configured proxies may speak for a client.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var entry in passport.Value.TrustedProxies)
            {
                // Bad entries are reported by PassportServerOptionsValidator, which refuses to start.
                if (TrustedProxyList.TryParseEntry(entry, out var network)) forwarded.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    public static void UsePassportClientAddress(this IApplicationBuilder app)
    {
        // The middleware believes every peer when both lists are empty, so without trusted proxies it is not added at all.
        var forwarded = app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (forwarded.KnownIPNetworks.Count == 0 && forwarded.KnownProxies.Count == 0) return;
        app.UseForwardedHeaders();
    }
}
