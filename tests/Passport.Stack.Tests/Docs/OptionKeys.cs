using System.Collections;
using System.Globalization;
using System.Reflection;

namespace Passport.Stack.Tests.Docs;

/// <summary>One configuration key of an options class, e.g. <c>Passport:Replay:Store</c>, with its default value.</summary>
public sealed record OptionKey(string Key, Type Type, object? Default)
{
    /// <summary>
    /// The ways the default may be written in the docs; empty when there is no default worth checking (null, empty
    /// string or empty list).
    /// </summary>
    public IReadOnlyList<string> DefaultSpellings => Default switch
    {
        null => [],
        string s when s.Length == 0 => [],
        string s => [s],
        bool b => [b ? "true" : "false"],
        int i => [i.ToString(CultureInfo.InvariantCulture), i.ToString("N0", CultureInfo.InvariantCulture), i.ToString("N0", CultureInfo.InvariantCulture).Replace(',', '_')],
        ICollection { Count: 0 } => [],
        _ => [Convert.ToString(Default, CultureInfo.InvariantCulture) ?? ""],
    };
}

/// <summary>Reflects over an options class and lists every public settable property as a configuration key, recursively.</summary>
public static class OptionKeys
{
    /// <summary>Every leaf key under <paramref name="section"/> of <paramref name="optionsType"/>, in declaration order.</summary>
    public static IReadOnlyList<OptionKey> Of(Type optionsType, string section)
    {
        var keys = new List<OptionKey>();
        Collect(optionsType, Activator.CreateInstance(optionsType), section, keys);
        return keys;
    }

    private static void Collect(Type type, object? instance, string prefix, List<OptionKey> keys)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetSetMethod() is null || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var key = $"{prefix}:{property.Name}";
            var value = instance is null ? null : property.GetValue(instance);
            if (IsLeaf(property.PropertyType))
            {
                keys.Add(new OptionKey(key, property.PropertyType, value));
            }
            else
            {
                Collect(property.PropertyType, value ?? Activator.CreateInstance(property.PropertyType), key, keys);
            }
        }
    }

    private static bool IsLeaf(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive
            || underlying.IsEnum
            || underlying == typeof(string)
            || underlying == typeof(decimal)
            || underlying == typeof(TimeSpan)
            || underlying == typeof(Uri)
            || typeof(IEnumerable).IsAssignableFrom(underlying);
    }
}
