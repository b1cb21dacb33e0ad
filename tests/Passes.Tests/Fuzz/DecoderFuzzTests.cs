using FsCheck;
using FsCheck.Xunit;

namespace Passes.Tests.Fuzz;

/// <summary>Random bytes into every decoder: the only exception allowed out is <see cref="PassesFormatException"/>.</summary>
public class DecoderFuzzTests
{
    private static readonly (string Name, Action<byte[]> Decode)[] Decoders =
    [
        ("RequestEnvelopeV0", b => RequestEnvelopeV0.Decode(b)),
        ("RequestEnvelopeV0.ReadTopic", b => RequestEnvelopeV0.ReadTopic(b)),
        ("ResultEnvelopeV0", b => ResultEnvelopeV0.Decode(b)),
        ("Void", b => Passes.Codecs.Void.Decode(b)),
        ("Bytes", b => Passes.Codecs.Bytes.Decode(b)),
        ("String", b => Passes.Codecs.String.Decode(b)),
        ("Boolean", b => Passes.Codecs.Boolean.Decode(b)),
        ("Number", b => Passes.Codecs.Number.Decode(b)),
        ("BigInt", b => Passes.Codecs.BigInt.Decode(b)),
        ("Json", b => Passes.Codecs.Json.Decode(b)),
        ("JsonOf<ProvideTopicsRequest>", b => new JsonCodec<ProvideTopicsRequest>().Decode(b)),
        ("ApprovalBody", b => ApprovalBody.Codec.Decode(b)),
        ("RequestBatchCodec", b => new RequestBatchCodec().Decode(b)),
        ("ResultBatchCodec", b => new ResultBatchCodec().Decode(b)),
        ("DefaultProviderRequestCodec", b => new DefaultProviderRequestCodec().Decode(b)),
        ("ProvideTopics.DecodeRequest", b => PassesTopics.ProvideTopics.DecodeRequest(b)),
        ("ProvideTopics.DecodeResult", b => PassesTopics.ProvideTopics.DecodeResult(b)),
        ("ProvidePass.DecodeRequest", b => PassesTopics.ProvidePass.DecodeRequest(b)),
        ("RequestBatch.DecodeRequest", b => PassesTopics.RequestBatch.DecodeRequest(b)),
        ("RequestBatch.DecodeResult", b => PassesTopics.RequestBatch.DecodeResult(b)),
        ("RequestWithDefaultProvider.DecodeRequest", b => PassesTopics.RequestWithDefaultProvider.DecodeRequest(b)),
        ("RequestWithDefaultProvider.DecodeResult", b => PassesTopics.RequestWithDefaultProvider.DecodeResult(b)),
        ("SignedResultBody", b => SignedResultBody.Decode(b)),
        ("Ed25519Jwk.Parse", b => Ed25519Jwk.Parse(b)),
        ("SignedResultVerifier.Verify", b => SignedResultVerifier.Verify(b, null)),
        ("SignedResultVerifier.VerifyResult", b => SignedResultVerifier.VerifyResult(b, "abc")),
    ];

    [Property(MaxTest = 1000)]
    public void Random_bytes_only_ever_raise_PassesFormatException(byte[] bytes) => FeedAll(bytes);

    [Property(MaxTest = 1000)]
    public void Random_bytes_behind_a_plausible_header_only_ever_raise_PassesFormatException(byte first, byte second, byte[] rest)
    {
        FeedAll([(byte)(first % 4), second, .. rest]);
        FeedAll([0x00, (byte)(second % 8), .. rest]);
        FeedAll([0x00, 0x00, 0x00, (byte)(second % 8), .. rest]);
    }

    [Property(MaxTest = 300)]
    public void Random_bytes_behind_every_built_in_topic_only_ever_raise_PassesFormatException(byte[] body)
    {
        foreach (var topic in new[] { PassesTopics.ProvideTopicsId, PassesTopics.ProvidePassId, PassesTopics.RequestBatchId, PassesTopics.RequestWithDefaultProviderId })
        {
            FeedAll(RequestEnvelopeV0.Encode(topic, body));
        }
    }

    [Property(MaxTest = 300)]
    public void Random_json_like_text_only_ever_raises_PassesFormatException(NonNull<string> text) =>
        FeedAll(System.Text.Encoding.UTF8.GetBytes("{\"uri\":" + text.Get + "}"));

    [Property(MaxTest = 300)]
    public void Arbitrary_strings_as_json_strings_only_ever_raise_PassesFormatException(NonNull<string> text)
    {
        // Quote escapes lone surrogates (\udxxx) as JavaScript does: the ill-formed strings a JS peer can send.
        var quoted = JsonStringify.Quote(text.Get);
        FeedAll(System.Text.Encoding.UTF8.GetBytes("{\"topics\":[" + quoted + "],\"x\":\"" + quoted + "\"}"));
        FeedAll(System.Text.Encoding.UTF8.GetBytes("{" + quoted + ":1,\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":" + quoted + "}"));
        FeedAll(RequestEnvelopeV0.Encode(PassesTopics.ProvideTopicsId, System.Text.Encoding.UTF8.GetBytes("{\"topics\":[" + quoted + "]}")));
    }

    private static void FeedAll(byte[] bytes)
    {
        foreach (var (name, decode) in Decoders)
        {
            try
            {
                decode(bytes);
            }
            catch (PassesFormatException ex)
            {
                Assert.Contains(ex.Code, PassesErrorCodes.All);
            }
            catch (Exception ex)
            {
                Assert.Fail($"{name} threw {ex.GetType().Name} for {Convert.ToHexStringLower(bytes)}: {ex.Message}");
            }
        }
    }
}
