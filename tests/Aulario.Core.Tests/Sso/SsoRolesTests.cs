using System.ComponentModel.DataAnnotations;
using Aulario.Core.Sso;

namespace Aulario.Core.Tests.Sso;

public sealed class SsoRolesTests
{
    private static SsoOptions Options() => new()
    {
        RoleClaim = "groups",
        RoleMappings =
        [
            new() { Value = "zoom-admins", Role = SsoRole.InstitutionAdmin },
            new() { Value = "issp-admins", Role = SsoRole.PortalAdmin, Portals = ["ISSP"] },
            new() { Value = "fce-admins", Role = SsoRole.PortalAdmin, Portals = ["FCE", "fce-posgrado"] },
            new() { Value = "docentes", Role = SsoRole.Host },
        ],
    };

    [Fact]
    public void No_matching_value_is_a_host_and_nothing_more()
    {
        var grant = SsoRoles.Map(Options(), ["alumnos", "zoom-admins-old", ""]);
        Assert.True(grant.Host);
        Assert.False(grant.IsAdmin);
        Assert.Empty(grant.PortalCodes);
    }

    [Fact]
    public void No_claim_values_at_all_is_a_host()
    {
        var grant = SsoRoles.Map(Options(), []);
        Assert.True(grant.Host);
        Assert.False(grant.InstitutionAdmin);
        Assert.False(grant.PortalAdmin);
    }

    [Fact]
    public void Institution_admin_only_by_an_explicit_mapping_compared_case_insensitively()
    {
        var grant = SsoRoles.Map(Options(), [" Zoom-Admins "]);
        Assert.True(grant.InstitutionAdmin);
        Assert.False(grant.Host);
        Assert.False(grant.PortalAdmin);
    }

    [Fact]
    public void Portal_admin_mappings_add_up_their_portals()
    {
        var grant = SsoRoles.Map(Options(), ["issp-admins", "fce-admins"]);
        Assert.True(grant.PortalAdmin);
        Assert.False(grant.InstitutionAdmin);
        Assert.Equal(["FCE", "fce-posgrado", "ISSP"], grant.PortalCodes.Order(StringComparer.OrdinalIgnoreCase));
        Assert.False(grant.Host);
    }

    [Fact]
    public void Institution_admin_wins_over_portal_admin_and_an_explicit_host_mapping_keeps_host()
    {
        var grant = SsoRoles.Map(Options(), ["issp-admins", "zoom-admins", "docentes"]);
        Assert.True(grant.InstitutionAdmin);
        Assert.False(grant.PortalAdmin);
        Assert.Empty(grant.PortalCodes);
        Assert.True(grant.Host);
    }

    [Theory]
    [InlineData("Ana", "García", null, "Ana", "García")]
    [InlineData(null, null, "María José Pérez", "María José", "Pérez")]
    [InlineData(null, null, "Cher", "Cher", "Cher")]
    [InlineData(null, null, null, "JLopez", "JLopez")]
    [InlineData("<b>Ana</b>", " García\n", null, "bAna/b", "García")]
    public void Person_names_fall_back_and_are_cleaned(string? given, string? family, string? full, string first, string last)
    {
        var person = SsoPerson.From(" JLopez@Inst.edu.ar ", given, family, full);
        Assert.Equal("jlopez@inst.edu.ar", person.Email);
        Assert.Equal((first, last), (person.FirstName, person.LastName));
    }

    [Fact]
    public void Person_names_are_cut_to_what_zoom_accepts()
    {
        var person = SsoPerson.From("a@inst.edu.ar", new string('n', 80), "Pérez", null);
        Assert.Equal(64, person.FirstName.Length);
    }

    [Theory]
    [InlineData("ana@inst.edu.ar", true)]
    [InlineData("ana@INST.EDU.AR", true)]
    [InlineData("ana@posgrado.edu.ar", true)]
    [InlineData("ana@sub.inst.edu.ar", false)]
    [InlineData("ana@inst.edu.ar.evil.com", false)]
    [InlineData("inst.edu.ar", false)]
    [InlineData("ana@", false)]
    public void Allowed_domains_match_exactly(string email, bool allowed)
    {
        var options = new SsoOptions { AllowedEmailDomains = ["inst.edu.ar", "@posgrado.edu.ar"] };
        Assert.Equal(allowed, options.AllowsEmail(email));
    }
}

public sealed class SsoOptionsTests
{
    private static SsoOptions Valid() => new()
    {
        Authority = "https://idp.inst.edu.ar/realms/inst/",
        ClientId = "aulario",
        ClientSecret = "s3creto",
        AllowedEmailDomains = ["inst.edu.ar"],
    };

    private static List<string> Errors(SsoOptions o)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(o, new ValidationContext(o), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }

    [Fact]
    public void Off_without_authority_needs_nothing_else()
    {
        var o = new SsoOptions();
        Assert.False(o.Enabled);
        Assert.Empty(Errors(o));
    }

    [Fact]
    public void A_complete_https_configuration_is_valid_and_the_issuer_has_no_trailing_slash()
    {
        var o = Valid();
        Assert.Empty(Errors(o));
        Assert.Equal("https://idp.inst.edu.ar/realms/inst", o.Issuer);
        Assert.Equal(["profile", "email"], o.EffectiveScopes);
        Assert.Equal("sub", o.IdentifierClaim);
        Assert.Equal(SsoZoomProvisioning.SsoCreate, o.ZoomProvisioning);
    }

    [Theory]
    [InlineData("http://127.0.0.1:4010")]
    [InlineData("http://localhost:4010/")]
    [InlineData("http://[::1]:4010")]
    public void Http_and_no_https_metadata_only_on_loopback(string authority)
    {
        var o = Valid();
        o.Authority = authority;
        o.RequireHttpsMetadata = false;
        Assert.Empty(Errors(o));
    }

    [Fact]
    public void Http_on_a_real_host_is_refused()
    {
        var o = Valid();
        o.Authority = "http://idp.inst.edu.ar";
        o.RequireHttpsMetadata = false;
        var errors = Errors(o);
        Assert.Contains(errors, e => e.Contains("https", StringComparison.Ordinal) && e.Contains("Sso:Authority", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Sso:RequireHttpsMetadata=false solo", StringComparison.Ordinal));
    }

    [Fact]
    public void Http_loopback_still_needs_require_https_metadata_off()
    {
        var o = Valid();
        o.Authority = "http://127.0.0.1:4010";
        Assert.Contains(Errors(o), e => e.Contains("RequireHttpsMetadata=false", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_client_secret_and_domains_and_bad_mappings_are_each_reported()
    {
        var o = Valid();
        o.ClientSecret = " ";
        o.AllowedEmailDomains = [];
        o.RoleMappings = [new() { Value = "x", Role = SsoRole.PortalAdmin }, new() { Value = "", Role = SsoRole.Host, Portals = ["ISSP"] }];
        var errors = Errors(o);
        Assert.Contains(errors, e => e.Contains("Sso:ClientSecret", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Sso:AllowedEmailDomains", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Sso:RoleClaim", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Sso:RoleMappings:0 (PortalAdmin)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Sso:RoleMappings:1:Value", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Sso:RoleMappings:1: Portals", StringComparison.Ordinal));
    }

    [Fact]
    public void Not_a_url_is_refused()
    {
        var o = Valid();
        o.Authority = "idp.inst.edu.ar";
        Assert.Contains(Errors(o), e => e.Contains("no es una URL absoluta", StringComparison.Ordinal));
    }
}
