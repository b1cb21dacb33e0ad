using System.Text.Json;
using NSec.Cryptography;
using Passes.Tests.Support;

namespace Passes.Tests.Approvals;

public class ApprovalBodyValidatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly byte[] Request = RequestEnvelopeV0.Encode("com.example.approve", "{\"amount\":5}"u8);
    private readonly FixedTimeProvider _time = new(Now);

    private ApprovalBodyValidator Validator => new(_time, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(60));

    private static ApprovalExpectation Expected => ApprovalExpectation.ForRequest(Request, "nonce-1", "https://app.example");

    private ApprovalBody Body() =>
        ApprovalBody.ForRequest(Request, "nonce-1", "https://app.example", _time, JsonDocument.Parse("{\"ok\":true}").RootElement);

    [Fact]
    public void Matching_body_is_valid() => Assert.True(Validator.Validate(Body(), Expected).IsValid);

    [Fact]
    public void Request_hash_is_base64url_sha256_of_the_request_bytes() =>
        Assert.Equal(
            Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Request)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            Body().RequestHash);

    [Fact]
    public void Wrong_topic_fails() =>
        Assert.Equal(ApprovalFailure.TopicMismatch, Validator.Validate(Body() with { Topic = "com.example.other" }, Expected).Failure);

    [Fact]
    public void Wrong_request_hash_fails() =>
        Assert.Equal(ApprovalFailure.RequestHashMismatch, Validator.Validate(Body() with { RequestHash = ApprovalBody.ComputeRequestHash([1]) }, Expected).Failure);

    [Fact]
    public void Wrong_nonce_fails() =>
        Assert.Equal(ApprovalFailure.NonceMismatch, Validator.Validate(Body() with { Nonce = "nonce-2" }, Expected).Failure);

    [Fact]
    public void Wrong_origin_fails() =>
        Assert.Equal(ApprovalFailure.OriginMismatch, Validator.Validate(Body() with { Origin = "https://evil.example" }, Expected).Failure);

    [Fact]
    public void Too_old_fails_and_the_edge_passes()
    {
        var body = Body();
        _time.Now = Now.AddMinutes(5);
        Assert.True(Validator.Validate(body, Expected).IsValid);
        _time.Now = Now.AddMinutes(5).AddSeconds(1);
        Assert.Equal(ApprovalFailure.Expired, Validator.Validate(body, Expected).Failure);
    }

    [Fact]
    public void Issued_too_far_in_the_future_fails_and_skew_is_tolerated()
    {
        var body = Body();
        _time.Now = Now.AddSeconds(-60);
        Assert.True(Validator.Validate(body, Expected).IsValid);
        _time.Now = Now.AddSeconds(-61);
        Assert.Equal(ApprovalFailure.IssuedInFuture, Validator.Validate(body, Expected).Failure);
    }

    [Fact]
    public void Approval_body_json_has_the_documented_member_names_in_order()
    {
        var json = System.Text.Encoding.UTF8.GetString(ApprovalBody.Codec.Encode(Body()));
        Assert.StartsWith("{\"topic\":\"com.example.approve\",\"requestHash\":\"", json, StringComparison.Ordinal);
        Assert.EndsWith(",\"nonce\":\"nonce-1\",\"origin\":\"https://app.example\",\"issuedAt\":1700000000,\"payload\":{\"ok\":true}}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Approval_body_without_payload_is_invalid_json() =>
        Expect.Code(PassesErrorCodes.InvalidJson, () => ApprovalBody.Codec.Decode("{\"topic\":\"t\",\"requestHash\":\"h\",\"nonce\":\"n\",\"origin\":\"o\",\"issuedAt\":1}"u8));

    [Fact]
    public void End_to_end_sign_verify_and_validate()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var result = SignedResultSigner.SignAcceptedResult(key, ApprovalBody.Codec.Encode(Body()));

        var verified = SignedResultVerifier.VerifyResult(result, Ed25519Jwk.FromPublicKey(key.PublicKey).Thumbprint());
        var outcome = Validator.Validate(verified, Expected, out var body);

        Assert.True(outcome.IsValid);
        Assert.True(body.Payload.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void Replaying_an_approval_for_another_request_is_caught_by_the_body_not_the_signature()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var result = SignedResultSigner.SignAcceptedResult(key, ApprovalBody.Codec.Encode(Body()));
        var otherRequest = RequestEnvelopeV0.Encode("com.example.approve", "{\"amount\":500}"u8);

        var verified = SignedResultVerifier.VerifyResult(result, null); // signature is fine...
        var outcome = Validator.Validate(verified, ApprovalExpectation.ForRequest(otherRequest, "nonce-1", "https://app.example"), out _);

        Assert.Equal(ApprovalFailure.RequestHashMismatch, outcome.Failure); // ...the body check is what stops the replay
    }
}
