namespace PolicyArchiver.Insight.Coverage;

/// <summary>
/// How Kazakh, Russian and English sites name a link to earlier versions of their documents.
/// Entries are word stems that must all occur in the link's text (lower case, ё as е), so that
/// «Предыдущие редакции», «предыдущая редакция» and «Редакции: предыдущие» all match; URL
/// fragments catch links whose text is an icon or a date. "Архив" alone is not enough in Russian
/// (it is as often a news archive); Kazakh «мұрағат» is, on a policy page.
/// </summary>
internal static class PublicArchiveLexicon
{
    private static readonly string[][] TextStems =
    [
        // Russian
        ["предыдущ", "редакц"], ["предыдущ", "верси"], ["прежн", "редакц"], ["прежн", "верси"], ["прошл", "редакц"], ["прошл", "верси"],
        ["ранее действ"], ["утративш", "силу"], ["архив", "документ"], ["архив", "редакц"], ["архив", "верси"], ["архив", "изменени"],
        ["истори", "изменени"], ["истори", "верси"], ["истори", "редакц"],
        // Kazakh
        ["бұрынғы", "редакц"], ["бұрынғы", "нұсқа"], ["алдыңғы", "редакц"], ["алдыңғы", "нұсқа"], ["мұрағат"], ["өзгеріс", "тарих"],
        ["нұсқа", "тарих"], ["күшін жойған"],
        // English
        ["previous", "version"], ["previous", "edition"], ["previous", "revision"], ["earlier", "version"], ["prior", "version"],
        ["archive", "change"], ["archived", "version"], ["document", "archive"], ["policy", "archive"], ["version", "history"],
        ["change", "history"], ["revision", "history"], ["changelog"],
    ];

    private static readonly string[] UrlFragments =
    [
        "previous-version", "previous_version", "prev-version", "version-history", "versions-history", "archive-of-changes",
        "policy-archive", "documents-archive", "document-archive", "docs-archive", "archive-documents", "arhiv-dokumentov",
        "predydushchie-redakcii", "predydushie-redakcii", "predydushchie-versii",
    ];

    /// <summary>Whether a link with this text and target leads to previous versions of documents.</summary>
    public static bool Matches(string text, string url)
    {
        var normalized = text.ToLowerInvariant().Replace('ё', 'е');
        foreach (var stems in TextStems)
            if (stems.All(s => normalized.Contains(s, StringComparison.Ordinal)))
                return true;
        var address = Uri.UnescapeDataString(url).ToLowerInvariant();
        return UrlFragments.Any(f => address.Contains(f, StringComparison.Ordinal));
    }
}
