namespace Passport.Testing.Adversarial;

/// <summary>One request of the matrix: method, URL and raw headers (repeated names allowed, nothing validated).</summary>
public sealed class AdversarialRequest(string method, string url)
{
    public string Method { get; } = method;

    public string Url { get; } = url;

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    /// <summary>Send the same request once before (the replay row): the first must be accepted.</summary>
    public bool SendTwice { get; init; }

    public AdversarialRequest Add(string name, string? value)
    {
        if (value is not null) Headers.Add(new(name, value));
        return this;
    }

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        foreach (var (name, value) in Headers) message.Headers.TryAddWithoutValidation(name, value);
        return message;
    }

    /// <summary>Every header value: what must never appear in a log line.</summary>
    public IEnumerable<string> Secrets() => Headers.Select(h => h.Value.StartsWith("DPoP ", StringComparison.Ordinal) || h.Value.StartsWith("Bearer ", StringComparison.Ordinal) || h.Value.StartsWith("Basic ", StringComparison.Ordinal) ? h.Value[(h.Value.IndexOf(' ') + 1)..] : h.Value)
        .Where(v => v.Length >= 16);
}
