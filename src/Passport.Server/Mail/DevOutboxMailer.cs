using System.Text.Json;
using Microsoft.Extensions.Options;
using Passport.Server.Configuration;

namespace Passport.Server.Mail;

/// <summary>Keeps mails in memory (for <c>GET /dev/outbox</c>) and as JSON files under <c>&lt;DataDirectory&gt;/outbox/</c>.</summary>
internal sealed class DevOutboxMailer(IOptions<PassportServerOptions> options, TimeProvider time) : IOwnerMailer
{
    private const int MaxKept = 1000;
    private readonly List<OutboxMessage> _messages = [];
    private readonly Lock _lock = new();
    private readonly string _folder = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "outbox");

    public IReadOnlyList<OutboxMessage> Messages
    {
        get
        {
            lock (_lock) return _messages.ToList();
        }
    }

    public async Task SendAsync(OwnerMail mail, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var message = new OutboxMessage($"{now.ToUnixTimeMilliseconds()}-{Guid.NewGuid():N}", mail.To, mail.Subject, mail.Body, mail.Links, now);
        lock (_lock)
        {
            _messages.Add(message);
            if (_messages.Count > MaxKept) _messages.RemoveAt(0);
        }
        Directory.CreateDirectory(_folder);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var stream = new FileStream(Path.Combine(_folder, message.Id + ".json"), fileOptions);
        await JsonSerializer.SerializeAsync(stream, message, ServerJson.Options, cancellationToken);
    }
}
