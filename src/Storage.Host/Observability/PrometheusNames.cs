namespace PairDb.Storage.Observability;

/// <summary>
/// Turns instrument and tag names into valid Prometheus metric and label names, so an instrument named the .NET way
/// ("pairdb.storage.writes") is exported rather than refused by the registry.
/// </summary>
internal static class PrometheusNames
{
    /// <summary>
    /// A valid metric name ([a-zA-Z_:][a-zA-Z0-9_:]*): every other character becomes '_', and a leading digit gets a
    /// '_' in front.
    /// </summary>
    public static string MetricName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Sanitize(name, allowColon: true, digitPrefix: "_");
    }

    /// <summary>
    /// A valid label name ([a-zA-Z_][a-zA-Z0-9_]*): other characters become '_'; a leading digit gets "key_" in front
    /// and a leading "__" (reserved for Prometheus itself) gets "key" in front.
    /// </summary>
    public static string LabelName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sanitized = Sanitize(name, allowColon: false, digitPrefix: "key_");
        return sanitized.StartsWith("__", StringComparison.Ordinal) ? "key" + sanitized : sanitized;
    }

    /// <summary>Help text for the exposition: prometheus-net writes it verbatim, so backslash and newline are escaped here.</summary>
    public static string Help(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    private static string Sanitize(string name, bool allowColon, string digitPrefix)
    {
        if (name.Length == 0)
        {
            return "_";
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] != '_' && !(allowColon && chars[i] == ':'))
            {
                chars[i] = '_';
            }
        }

        var sanitized = new string(chars);
        return char.IsAsciiDigit(sanitized[0]) ? digitPrefix + sanitized : sanitized;
    }
}
