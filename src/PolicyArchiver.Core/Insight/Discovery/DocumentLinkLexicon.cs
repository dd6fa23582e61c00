namespace PolicyArchiver.Insight.Discovery;

/// <summary>
/// How policy documents are named in links on Kazakh sites, in Kazakh, Russian and English, and
/// in their addresses. Phrases are matched in the lowercased link text; URL fragments in the
/// lowercased path. The first type that matches wins, so narrower types come first.
/// </summary>
internal static class DocumentLinkLexicon
{
    public sealed record Entry(string Type, IReadOnlyList<string> Phrases, IReadOnlyList<string> UrlFragments);

    public static readonly IReadOnlyList<Entry> Entries =
    [
        new("cookie-policy", ["cookie", "куки", "cookie файлдары"], ["cookie"]),
        new("data-processing-consent",
            ["согласие на обработку", "согласие на сбор", "дербес деректерді жинауға және өңдеуге келісім", "өңдеуге келісім", "consent to the processing", "consent to processing"],
            ["consent", "soglasie"]),
        new("personal-data-policy",
            ["персональных данных", "персональные данные", "дербес деректер", "жеке деректер", "personal data"],
            ["personal-data", "personal_data", "personaldata", "pdn", "dannyh"]),
        new("privacy-policy",
            ["политика конфиденциальности", "конфиденциальност", "құпиялылық саясаты", "құпиялылық", "privacy policy", "privacy notice", "privacy"],
            ["privacy", "konfidenc", "confidential"]),
        new("user-agreement",
            ["пользовательское соглашение", "пользовательского соглашения", "пайдаланушы келісімі", "пайдаланушылық келісім", "user agreement", "end user license"],
            ["agreement", "soglashenie", "user-agreement", "eula"]),
        new("public-offer",
            ["публичная оферта", "публичной оферты", "договор оферты", "оферта", "жария оферта", "ашық оферта", "public offer"],
            ["offer", "oferta", "oferty"]),
        new("terms-of-service",
            ["условия использования", "условия пользования", "правила пользования", "правила использования", "пайдалану шарттары", "пайдалану ережелері",
             "terms of use", "terms of service", "terms and conditions", "terms & conditions"],
            ["terms", "usloviya", "rules"]),
    ];

    /// <summary>Links that lead to a page listing documents rather than to one: worth one more step.</summary>
    public static readonly IReadOnlyList<string> HubPhrases =
    [
        "документы", "правовая информация", "юридическая информация", "правила и документы", "тарифы и документы", "раскрытие информации",
        "құжаттар", "құқықтық ақпарат", "documents", "legal", "policies", "legal information",
    ];

    /// <summary>Language switches: the same site in Kazakh, Russian or English.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchTexts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["қаз"] = "kk", ["қазақша"] = "kk", ["қазақ тілі"] = "kk", ["каз"] = "kk", ["kaz"] = "kk", ["kz"] = "kk", ["kk"] = "kk", ["qaz"] = "kk",
        ["рус"] = "ru", ["русский"] = "ru", ["орысша"] = "ru", ["ru"] = "ru", ["rus"] = "ru",
        ["eng"] = "en", ["english"] = "en", ["en"] = "en", ["ағылшынша"] = "en",
    };

    /// <summary>The document type a link names, or null when it names none.</summary>
    public static string? TypeOf(string text, Uri url)
    {
        var lowered = text.ToLowerInvariant();
        foreach (var entry in Entries)
            if (entry.Phrases.Any(p => lowered.Contains(p, StringComparison.Ordinal))) return entry.Type;
        var path = Uri.UnescapeDataString(url.AbsolutePath).ToLowerInvariant();
        foreach (var entry in Entries)
            if (entry.UrlFragments.Any(f => path.Contains(f, StringComparison.Ordinal))) return entry.Type;
        return null;
    }

    public static bool IsHub(string text)
    {
        var lowered = text.Trim().ToLowerInvariant();
        return lowered.Length <= 60 && HubPhrases.Any(p => lowered.Contains(p, StringComparison.Ordinal));
    }
}
