namespace Aulario.Siu.Sqlite;

/// <summary>A demo space (by its code, e.g. "ZOOM01") linked at creation to a classroom URL, optionally renamed.</summary>
public sealed record DemoSiuLink(string Code, string Link, string? Name = null);
