namespace Passport.Server.Mail;

/// <summary>
/// A mail to an owner. <see cref="Links"/> are the absolute URLs in the body (they carry secrets: never log them).
/// <see cref="ExpiresAt"/>, when given, is when the link stops working: SMTP delivery is retried until then.
/// </summary>
public sealed record OwnerMail(string To, string Subject, string Body, IReadOnlyList<string> Links, DateTimeOffset? ExpiresAt = null);

/// <summary>A mail kept by the dev outbox.</summary>
public sealed record OutboxMessage(string Id, string To, string Subject, string Body, IReadOnlyList<string> Links, DateTimeOffset SentAt);
