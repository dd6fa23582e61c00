namespace PolicyArchiver.Insight.Coverage;

/// <summary>
/// The documents every company is expected to publish, whether or not targets.json lists them: a
/// privacy policy and terms of use. Each comes in several equivalent forms (Kazakh companies call
/// the privacy policy a "personal data policy", the terms a "user agreement" or a "public offer"),
/// so a core row is shown as missing only when the company has none of its forms. Any other type
/// counts as missing only in the languages the company lacks it in.
/// </summary>
internal static class CoreDocumentTypes
{
    /// <summary>Each core type, with the types that stand in for it.</summary>
    public static readonly IReadOnlyList<(string Type, IReadOnlyList<string> Equivalents)> All =
    [
        ("privacy-policy", ["personal-data-policy"]),
        ("terms-of-service", ["user-agreement", "public-offer"]),
    ];

    /// <summary>The matrix rows of a company: the types it declares, plus each core type none of whose forms it declares.</summary>
    public static IReadOnlyList<string> RowsFor(IEnumerable<string> declaredTypes)
    {
        var declared = declaredTypes.ToHashSet(StringComparer.Ordinal);
        var rows = new SortedSet<string>(declared, StringComparer.Ordinal);
        foreach (var (type, equivalents) in All)
            if (!declared.Contains(type) && !equivalents.Any(declared.Contains))
                rows.Add(type);
        return rows.ToList();
    }
}
