namespace Passport.Server.Mail;

/// <summary><c>GET /dev/outbox</c> → <c>{messages:[{id, to, subject, body, links, sentAt}]}</c>, newest last (dev outbox only).</summary>
internal static class OutboxEndpoint
{
    public static IResult Get(HttpContext context, DevOutboxMailer outbox)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { messages = outbox.Messages }, ServerJson.Options);
    }
}
