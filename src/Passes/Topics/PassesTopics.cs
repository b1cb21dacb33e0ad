namespace Passes;

/// <summary>The built-in <c>org.passes.*</c> topics.</summary>
public static class PassesTopics
{
    /// <summary>The id of <see cref="ProvideTopics"/>.</summary>
    public const string ProvideTopicsId = "org.passes.provide-topics";

    /// <summary>The id of <see cref="ProvidePass"/>.</summary>
    public const string ProvidePassId = "org.passes.provide-pass";

    /// <summary>The id of <see cref="RequestBatch"/>.</summary>
    public const string RequestBatchId = "org.passes.request-batch";

    /// <summary>The id of <see cref="RequestWithDefaultProvider"/>.</summary>
    public const string RequestWithDefaultProviderId = "org.passes.request-with-default-provider";

    /// <summary>A Topic Provider announces the topics it handles. Request: Json <see cref="ProvideTopicsRequest"/>; result: Void.</summary>
    public static RequestTopic<ProvideTopicsRequest, Empty> ProvideTopics { get; } =
        new(ProvideTopicsId, new JsonCodec<ProvideTopicsRequest>(), Codecs.Void);

    /// <summary>A Pass Provider asks to become the user's provider. Request: Json <see cref="ProvidePassRequest"/>; result: Void.</summary>
    public static RequestTopic<ProvidePassRequest, Empty> ProvidePass { get; } =
        new(ProvidePassId, new JsonCodec<ProvidePassRequest>(), Codecs.Void);

    /// <summary>
    /// An all-or-nothing batch. Request: <see cref="RequestBatchCodec"/>; accepted result: <see cref="ResultBatchCodec"/>
    /// (one result envelope per request).
    /// </summary>
    public static RequestTopic<IReadOnlyList<RequestEnvelopeV0>, IReadOnlyList<ResultEnvelopeV0>> RequestBatch { get; } =
        new(RequestBatchId, new RequestBatchCodec(), new ResultBatchCodec());

    /// <summary>
    /// A request with a fallback provider URI. Request: <see cref="DefaultProviderRequestCodec"/>; accepted result:
    /// the inner request's result envelope.
    /// </summary>
    public static RequestTopic<DefaultProviderRequest, ResultEnvelopeV0> RequestWithDefaultProvider { get; } =
        new(RequestWithDefaultProviderId, new DefaultProviderRequestCodec(), new ResultEnvelopeCodec());
}
