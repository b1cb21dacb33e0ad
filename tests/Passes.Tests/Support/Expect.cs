namespace Passes.Tests.Support;

internal static class Expect
{
    public static PassesFormatException Code(string code, Action action)
    {
        var ex = Assert.ThrowsAny<PassesFormatException>(action);
        Assert.Equal(code, ex.Code);
        return ex;
    }

    public static PassesFormatException Code<T>(string code, Func<T> action) => Code(code, () => { _ = action(); });
}
