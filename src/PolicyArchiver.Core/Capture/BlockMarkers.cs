namespace PolicyArchiver.Capture;

/// <summary>
/// What bot challenges, captchas and access walls are recognised by, in the served HTML, the
/// rendered DOM or the final address, compared without regard to case. Each marker names the
/// signal an observation's detail shows.
/// </summary>
internal static class BlockMarkers
{
    /// <summary>
    /// Markers that only an interstitial carries, a page served <em>instead of</em> the one asked
    /// for: a challenge's own title, script or form. A marker that ordinary pages may carry too
    /// belongs in <see cref="Widgets"/> — there a wall still counts on a page with little text of
    /// its own, which is what every interstitial is.
    /// </summary>
    public static readonly (string Marker, string Signal)[] Interstitials =
    [
        ("window._cf_chl_opt", "Cloudflare challenge"),
        ("<title>Just a moment...</title>", "Cloudflare challenge"),
        ("id=\"challenge-running\"", "Cloudflare challenge"),
        ("id=\"challenge-form\"", "Cloudflare challenge"),
        ("/orchestrate/chl_page/", "Cloudflare challenge"),
        ("/orchestrate/jsch/", "Cloudflare challenge"),
        ("/orchestrate/managed/", "Cloudflare challenge"),
        ("/orchestrate/captcha/", "Cloudflare challenge"),
        ("cf-browser-verification", "Cloudflare challenge"),
        ("Checking if the site connection is secure", "Cloudflare challenge"),
        ("<title>Attention Required! | Cloudflare</title>", "Cloudflare block"),
        ("Checking your browser before accessing", "browser check"),
        ("<title>DDoS-Guard</title>", "DDoS-Guard check"),
        ("/.well-known/ddos-guard/check", "DDoS-Guard check"),
        ("__qrator", "Qrator check"),
        ("Incapsula incident ID", "Imperva/Incapsula block"),
        ("captcha-delivery.com", "DataDome captcha"),
        ("px-captcha", "PerimeterX captcha"),
        ("/showcaptcha", "Yandex captcha"),
        ("Подтвердите, что запросы отправляли вы, а не робот", "Yandex captcha"),
    ];

    /// <summary>
    /// Markers that ordinary pages carry as well: passive detection scripts that sites behind a
    /// protection service load on every page, captcha badges and widgets of contact forms, and words
    /// that a policy may also use.
    /// </summary>
    public static readonly (string Marker, string Signal)[] Widgets =
    [
        ("/cdn-cgi/challenge-platform/", "Cloudflare bot-detection script"),
        ("__CF$cv$params", "Cloudflare bot-detection script"),
        ("/_Incapsula_Resource", "Imperva/Incapsula script"),
        ("ddos-guard.net", "DDoS-Guard script"),
        ("servicepipe.ru", "Servicepipe script"),
        ("grecaptcha-badge", "reCAPTCHA"),
        ("google.com/recaptcha", "reCAPTCHA"),
        ("gstatic.com/recaptcha", "reCAPTCHA"),
        ("class=\"g-recaptcha\"", "reCAPTCHA"),
        ("class=\"h-captcha\"", "hCaptcha"),
        ("hcaptcha.com", "hCaptcha"),
        ("cf-turnstile", "Cloudflare Turnstile"),
        ("challenges.cloudflare.com/turnstile", "Cloudflare Turnstile"),
        ("smartcaptcha", "Yandex SmartCaptcha"),
        ("вы не робот", "captcha words"),
        ("робот емес", "captcha words"),
        ("I'm not a robot", "captcha words"),
        ("I am not a robot", "captcha words"),
        ("Access Denied", "access-denied words"),
        ("Доступ запрещ", "access-denied words"),
    ];

    /// <summary>
    /// The stock phrases of walls. A line of text holding one is the wall talking about itself, so
    /// it does not count as text of the page's own (nor as its language: they are mostly English).
    /// </summary>
    public static readonly string[] WallPhrases =
    [
        "just a moment", "checking your browser", "checking if the site connection is secure", "security of your connection",
        "enable javascript and cookies", "ray id:", "performance & security by", "access denied", "you have been blocked",
        "not a robot", "verify you are human", "unusual traffic", "captcha",
        "не робот", "доступ запрещ", "похожи на автоматические", "робот емес",
    ];
}
