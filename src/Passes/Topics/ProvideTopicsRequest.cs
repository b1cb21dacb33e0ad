using System.Text.Json.Serialization;

namespace Passes;

/// <summary>The request body of <c>org.passes.provide-topics</c>: <c>{"uri": string, "topics": string[]}</c>.</summary>
/// <param name="Uri">The URI that handles requests for the topics.</param>
/// <param name="Topics">The topic ids this Topic Provider handles.</param>
public sealed record ProvideTopicsRequest(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("topics")] IReadOnlyList<string> Topics);
