using Passport.Gateway.Authentication;
using Yarp.ReverseProxy.Transforms;

namespace Passport.Gateway.Forwarding;

/// <summary>Adds the identity headers of the authenticated caller; values were made header-safe once per token.</summary>
internal sealed class IdentityHeadersTransform(IdentityHeaderNames names) : RequestTransform
{
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        if (context.HttpContext.User is not PassportPrincipal principal) return ValueTask.CompletedTask;
        var values = principal.Headers;
        var headers = context.ProxyRequest.Headers;
        headers.TryAddWithoutValidation(names.Sub, values.Sub);
        if (values.Handle is not null) headers.TryAddWithoutValidation(names.Handle, values.Handle);
        if (values.Status is not null) headers.TryAddWithoutValidation(names.Status, values.Status);
        if (values.Name is not null) headers.TryAddWithoutValidation(names.Name, values.Name);
        if (values.Actor is not null) headers.TryAddWithoutValidation(names.Actor, values.Actor);
        if (values.ActorHandle is not null) headers.TryAddWithoutValidation(names.ActorHandle, values.ActorHandle);
        if (values.Scope is not null) headers.TryAddWithoutValidation(names.Scope, values.Scope);
        headers.TryAddWithoutValidation(names.Jkt, values.Jkt);
        return ValueTask.CompletedTask;
    }
}
