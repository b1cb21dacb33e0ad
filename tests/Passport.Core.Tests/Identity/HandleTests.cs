using System.Reflection;
using Passport.Core.Errors;
using Passport.Core.Identity;

namespace Passport.Core.Tests.Identity;

public class HandleTests
{
    [Fact]
    public void Generated_handle_is_three_lowercase_words_joined_by_hyphens()
    {
        var handle = Handle.Generate();
        var words = handle.Split('-');
        Assert.Equal(3, words.Length);
        Assert.All(words, w => Assert.Matches("^[a-z]+$", w));
        Assert.Equal(handle, Handle.Validate(handle));
    }

    [Fact]
    public void Word_lists_give_at_least_250000_combinations() =>
        Assert.True(Handle.Combinations >= 250_000, $"{Handle.Combinations} combinations");

    [Theory]
    [InlineData("Adverbs")]
    [InlineData("Adjectives")]
    [InlineData("Nouns")]
    public void Word_list_has_no_duplicates_and_only_valid_words(string list)
    {
        var words = WordList(list);
        Assert.Equal(words.Length, words.Distinct(StringComparer.Ordinal).Count());
        Assert.All(words, w => Assert.Matches("^[a-z]{2,20}$", w));
    }

    [Fact]
    public void Combinations_is_the_product_of_the_distinct_list_sizes() =>
        Assert.Equal(WordList("Adverbs").Length * WordList("Adjectives").Length * WordList("Nouns").Length, Handle.Combinations);

    [Fact]
    public void One_thousand_generated_handles_are_all_valid_and_mostly_distinct()
    {
        var handles = Enumerable.Range(0, 1000).Select(_ => Handle.Generate()).ToList();
        Assert.All(handles, h => Assert.True(Handle.IsValid(h), h));
        // 1000 draws from ≥ 250,000: a collision-free run is expected; allow a few to keep the test deterministic in practice.
        Assert.True(handles.Distinct().Count() >= 990);
    }

    [Theory]
    [InlineData("quietly-brave-crane")]
    [InlineData("swiftly-golden-fox")]
    [InlineData("swiftly-golden-fox-2")]
    [InlineData("swiftly-golden-fox-123456")]
    public void Validator_accepts_handles(string handle) => Assert.True(Handle.IsValid(handle));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("quietly-brave")]
    [InlineData("quietly-brave-crane-fox")]
    [InlineData("Quietly-brave-crane")]
    [InlineData("quietly_brave_crane")]
    [InlineData("quietly-brave-crane-0")]
    [InlineData("quietly-brave-crane-01")]
    [InlineData("quietly-brave-crane-1234567")]
    [InlineData(" quietly-brave-crane")]
    [InlineData("quietly-brave-crane\n")]
    [InlineData("q-brave-crane")]
    [InlineData("quietly-brave-cranë")]
    public void Validator_refuses_malformed_handles(string? handle)
    {
        Assert.False(Handle.IsValid(handle));
        var error = Assert.Throws<PassportFormatException>(() => Handle.Validate(handle));
        Assert.Equal(PassportErrorCodes.HandleInvalid, error.Code);
    }

    [Fact]
    public void Validator_refuses_handles_longer_than_the_maximum() =>
        Assert.False(Handle.IsValid(new string('a', 20) + "-" + new string('b', 20) + "-" + new string('c', 20) + "-12345"));

    private static string[] WordList(string name) =>
        (string[])typeof(Handle).Assembly.GetType("Passport.Core.Identity.HandleWords")!
            .GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
}
