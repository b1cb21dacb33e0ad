namespace Passport.Core.Identity;

/// <summary>Word lists for handles: 70 × 70 × 70 = 343,000 combinations. Lowercase ASCII letters only.</summary>
internal static class HandleWords
{
    public static readonly string[] Adverbs =
    [
        "quietly", "swiftly", "boldly", "calmly", "gently", "bravely", "brightly", "deftly", "eagerly", "fairly",
        "gladly", "kindly", "lightly", "neatly", "nimbly", "openly", "proudly", "rapidly", "softly", "warmly",
        "wisely", "keenly", "firmly", "freely", "fondly", "busily", "merrily", "happily", "humbly", "jolly",
        "loudly", "madly", "mildly", "newly", "oddly", "plainly", "purely", "rarely", "really", "richly",
        "rightly", "safely", "sharply", "shyly", "simply", "slowly", "smoothly", "steadily", "sternly", "stoutly",
        "strongly", "sweetly", "tightly", "truly", "vastly", "vividly", "wildly", "daringly", "deeply", "evenly",
        "finely", "gracefully", "hardily", "honestly", "justly", "lively", "nobly", "patiently", "promptly", "readily",
    ];

    public static readonly string[] Adjectives =
    [
        "brave", "golden", "quiet", "swift", "bold", "calm", "clever", "bright", "eager", "fair",
        "gentle", "happy", "jolly", "kind", "lively", "lucky", "mighty", "noble", "proud", "rapid",
        "silent", "silver", "steady", "sturdy", "sunny", "tidy", "vivid", "warm", "wise", "witty",
        "amber", "azure", "candid", "cosmic", "crisp", "dapper", "dusky", "early", "fancy", "fleet",
        "frosty", "gallant", "glad", "grand", "hardy", "humble", "ivory", "jade", "keen", "lunar",
        "merry", "misty", "nimble", "olive", "plucky", "polar", "rustic", "scarlet", "serene", "sleek",
        "solar", "spry", "stellar", "tawny", "tender", "upbeat", "velvet", "vernal", "wild", "zesty",
    ];

    public static readonly string[] Nouns =
    [
        "crane", "fox", "otter", "badger", "falcon", "heron", "lynx", "marten", "osprey", "owl",
        "panda", "raven", "robin", "salmon", "seal", "sparrow", "swan", "tiger", "walrus", "wolf",
        "beaver", "bison", "camel", "cougar", "coyote", "dingo", "dolphin", "eagle", "egret", "ferret",
        "finch", "gecko", "gibbon", "gopher", "hare", "hawk", "ibis", "jackal", "jaguar", "koala",
        "lemur", "llama", "magpie", "mole", "moose", "newt", "ocelot", "oriole", "parrot", "pelican",
        "puffin", "quail", "rabbit", "skunk", "sloth", "stork", "tapir", "toucan", "turtle", "viper",
        "vole", "weasel", "whale", "wombat", "wren", "yak", "zebra", "bobcat", "condor", "kestrel",
    ];
}
