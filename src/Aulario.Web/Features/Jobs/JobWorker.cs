using Aulario.Core.Jobs;
using Microsoft.Extensions.Options;

namespace Aulario.Web.Features.Jobs;

/// <summary>
/// Runs durable jobs in the background: claims one at a time with a lease, so several instances share the work. On a
/// graceful stop the engine gives the lease back, so another instance resumes the job at once.
/// </summary>
public sealed class JobWorker(JobEngine engine, IOptions<JobsOptions> options, TimeProvider time, ILogger<JobWorker> log) : BackgroundService
{
    /// <summary>Machine, process (id and start time) and a random part: a restart on this machine takes over this worker's job at once if the process dies.</summary>
    private readonly string _owner = JobOwner.ForThisProcess().ToString();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                worked = await engine.RunNextAsync(_owner, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "The job worker failed; it will look for work again.");
            }
            if (worked) continue;
            try { await Task.Delay(options.Value.PollInterval, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

public static class JobsExtensions
{
    public static WebApplicationBuilder AddAularioJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobsOptions>().BindConfiguration("Jobs").ValidateDataAnnotations()
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease >= TimeSpan.FromSeconds(5), "Jobs:PollInterval debe ser positivo y Jobs:Lease de al menos 5 segundos.")
            .ValidateOnStart();
        if (builder.Configuration.GetValue("Jobs:RunWorker", true))
            builder.Services.AddHostedService<JobWorker>();
        return builder;
    }
}
