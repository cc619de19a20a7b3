using System.CommandLine;
using System.Net.Http.Headers;

namespace Aulario.Cli.Api;

/// <summary>The --url and --token options (or AULARIO_URL and AULARIO_TOKEN) and the HTTP client they make.</summary>
public sealed class ApiConnection(CliConsole console)
{
    public const string UrlVariable = "AULARIO_URL";
    public const string TokenVariable = "AULARIO_TOKEN";
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    public Option<string?> Url { get; } = new("--url") { Description = $"URL de Aulario (o {UrlVariable})", Recursive = true };
    public Option<string?> Token { get; } = new("--token") { Description = $"Token de API creado en /tokens (o {TokenVariable})", Recursive = true };

    public CliConsole Console => console;

    /// <summary>The client, or the exit code after printing why there is none.</summary>
    public ApiOutcome<ApiClient> Connect(ParseResult parse)
    {
        var url = parse.GetValue(Url) ?? console.Environment(UrlVariable);
        var token = parse.GetValue(Token) ?? console.Environment(TokenVariable);
        if (string.IsNullOrWhiteSpace(url))
            return ApiOutcome<ApiClient>.Fail(ExitCodes.Usage, $"Falta la dirección del servidor: use --url o la variable {UrlVariable}.");
        if (!Uri.TryCreate(url.Trim().TrimEnd('/') + "/", UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            return ApiOutcome<ApiClient>.Fail(ExitCodes.Usage, $"La dirección «{url}» no es una URL http(s) válida.");
        if (string.IsNullOrWhiteSpace(token))
            return ApiOutcome<ApiClient>.Fail(ExitCodes.Authentication, $"Falta el token: cree uno en {baseUrl}tokens y páselo con --token o la variable {TokenVariable}.");

        var http = new HttpClient { BaseAddress = baseUrl, Timeout = RequestTimeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("es-AR"));
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("aulario-cli", "1.0"));
        return new ApiClient(http);
    }
}
