using Passport.Testing;

namespace Passport.Agent.Tests.Identity;

public sealed class IdentityStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "passport-store-" + Guid.NewGuid().ToString("N"));

    private IdentityStore Store => new(_directory);

    public void Dispose() => TempDirectory.TryDelete(_directory);

    [Fact]
    public void Save_writes_the_identity_file_with_mode_0600()
    {
        using var identity = AgentIdentity.Generate();
        Store.Save(identity);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Store.IdentityPath));
    }

    [Fact]
    public void Save_creates_the_folder_owner_only()
    {
        using var identity = AgentIdentity.Generate();
        Store.Save(identity);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_directory));
    }

    [Fact]
    public void Save_leaves_no_temporary_file_behind()
    {
        using var identity = AgentIdentity.Generate();
        Store.Save(identity);
        Store.Save(identity);
        Assert.Equal(["identity.json"], Directory.GetFiles(_directory).Select(f => Path.GetFileName(f)!).ToArray());
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite)]
    public void Load_refuses_a_file_other_users_can_access(UnixFileMode mode)
    {
        using (var identity = AgentIdentity.Generate())
        {
            Store.Save(identity);
        }
        File.SetUnixFileMode(Store.IdentityPath, mode);
        var error = Assert.Throws<PassportAgentException>(() => Store.Load());
        Assert.Equal(AgentErrorCodes.IdentityInsecurePermissions, error.Code);
        Assert.Contains($"chmod 600 {Store.IdentityPath}", error.Message);
    }

    [Fact]
    public void Load_round_trips_key_did_handle_issuer_and_name()
    {
        using var identity = AgentIdentity.Generate("research agent");
        identity.Handle = "quietly-brave-crane";
        identity.Issuer = "https://passport.example";
        Store.Save(identity);

        using var loaded = Store.Load();
        Assert.Equal(identity.Did, loaded.Did);
        Assert.Equal(identity.KeyPair.ExportPrivateSeed(), loaded.KeyPair.ExportPrivateSeed());
        Assert.Equal("quietly-brave-crane", loaded.Handle);
        Assert.Equal("https://passport.example", loaded.Issuer);
        Assert.Equal("research agent", loaded.Name);
        Assert.Equal(identity.CreatedAt, loaded.CreatedAt);
    }

    [Fact]
    public void Load_without_a_file_says_how_to_create_one()
    {
        var error = Assert.Throws<PassportAgentException>(() => Store.Load());
        Assert.Equal(AgentErrorCodes.IdentityNotFound, error.Code);
        Assert.Contains("passport keygen", error.Message);
        Assert.Null(Store.TryLoad());
    }

    [Fact]
    public void Load_refuses_a_file_that_is_not_json()
    {
        WriteRaw("not json");
        Assert.Equal(AgentErrorCodes.IdentityMalformed, Assert.Throws<PassportAgentException>(() => Store.Load()).Code);
    }

    [Fact]
    public void Load_refuses_a_file_whose_did_is_not_its_key()
    {
        using var identity = AgentIdentity.Generate();
        using var other = AgentIdentity.Generate();
        Store.Save(identity);
        WriteRaw(File.ReadAllText(Store.IdentityPath).Replace(identity.Did.Value, other.Did.Value));
        Assert.Equal(AgentErrorCodes.IdentityMalformed, Assert.Throws<PassportAgentException>(() => Store.Load()).Code);
    }

    [Fact]
    public void Save_without_overwrite_refuses_to_replace_a_key()
    {
        using var identity = AgentIdentity.Generate();
        Store.Save(identity);
        using var second = AgentIdentity.Generate();
        Assert.Equal(AgentErrorCodes.IdentityExists, Assert.Throws<PassportAgentException>(() => Store.Save(second, overwrite: false)).Code);
        using var loaded = Store.Load();
        Assert.Equal(identity.Did, loaded.Did);
    }

    [Fact]
    public void ToString_shows_the_did_and_handle_but_never_the_private_key()
    {
        using var identity = AgentIdentity.Generate();
        identity.Handle = "quietly-brave-crane";
        var d = Passport.Core.Encoding.Base64UrlEncoding.Encode(identity.KeyPair.ExportPrivateSeed());
        Assert.Contains(identity.Did.Value, identity.ToString());
        Assert.Contains("quietly-brave-crane", identity.ToString());
        Assert.DoesNotContain(d, identity.ToString());
        Store.Save(identity);
        Assert.Contains(d, File.ReadAllText(Store.IdentityPath));
    }

    [Fact]
    public void Tokens_are_stored_per_audience_with_mode_0600()
    {
        Store.SaveToken(new PassportAccessToken { Token = "t1", Audience = "https://a.example/" });
        Store.SaveToken(new PassportAccessToken { Token = "t2", Audience = "https://b.example", Principal = "calmly-bold-otter", Scope = ["read:orders"] });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Store.TokensPath));
        Assert.Equal("t1", Store.FindToken("https://a.example")!.Token);
        var delegation = Store.FindToken("https://b.example/")!;
        Assert.Equal("t2", delegation.Token);
        Assert.True(delegation.IsDelegation);
        Assert.Equal(["read:orders"], delegation.Scope);
        Assert.Null(Store.FindToken("https://c.example"));
    }

    [Fact]
    public void Tokens_file_readable_by_others_is_refused()
    {
        Store.SaveToken(new PassportAccessToken { Token = "t1", Audience = "https://a.example" });
        File.SetUnixFileMode(Store.TokensPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        Assert.Equal(AgentErrorCodes.IdentityInsecurePermissions, Assert.Throws<PassportAgentException>(() => Store.FindToken("https://a.example")).Code);
    }

    [Fact]
    public void ClearTokens_forgets_every_token()
    {
        Store.SaveToken(new PassportAccessToken { Token = "t1", Audience = "https://a.example" });
        Store.ClearTokens();
        Assert.Empty(Store.LoadTokens());
    }

    [Fact]
    public void Token_ToString_never_shows_the_token()
    {
        var token = new PassportAccessToken { Token = "eyJsecret.payload.sig", Audience = "https://a.example" };
        Assert.DoesNotContain("eyJsecret", token.ToString());
    }

    private void WriteRaw(string content)
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Store.IdentityPath, content);
        File.SetUnixFileMode(Store.IdentityPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
