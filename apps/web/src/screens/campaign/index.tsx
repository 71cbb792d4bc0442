import { KeyFigures, StateBar } from '../../components/figures';
import { ScreenError, Served } from '../../components/states';
import { Link } from '../../lib/router';
import { Allocation } from './allocation';
import { CampaignHead, CampaignSummary, OppositionListAge, StaleListDialog } from './campaign-head';
import { ContactImport } from './contact-import';
import { ExperimentCard } from './experiment-card';
import { useCampaign } from './use-campaign';

/**
 * One campaign: lifecycle, contact import with progress and rejection report, allocation and
 * conversion per site (live), and how the allocation shifts while the page is open.
 */
export function CampaignScreen({ id }: { id: string }) {
  const {
    campaign,
    progress,
    history,
    seats,
    liveError,
    oppositionList,
    actionError,
    staleList,
    ...actions
  } = useCampaign(id);
  if (campaign.error)
    return (
      <div>
        <h1>Campaign</h1>
        <ScreenError error={campaign.error} />
        <Link href="/campaigns">All campaigns</Link>
      </div>
    );
  const view = campaign.data;

  return (
    <div data-testid="campaign">
      <CampaignHead view={view} onAct={(action) => actions.act(action)} />
      {actionError && (
        <p className="error" role="alert">
          {actionError}
        </p>
      )}
      {staleList && (
        <StaleListDialog
          message={staleList}
          onLaunch={() => actions.act('launch', true)}
          onCancel={actions.dismissStaleList}
        />
      )}
      {oppositionList && <OppositionListAge list={oppositionList} />}
      {view && <CampaignSummary view={view} />}
      <div className="columns">
        {view && <ContactImport campaign={view} onDone={() => (campaign.reload(), progress.reload())} />}
        <section className="panel" aria-labelledby="seats-title">
          <h2 id="seats-title">Seats on this campaign (live)</h2>
          {seats ? (
            <>
              <KeyFigures figures={seats} />
              <StateBar counts={seats.counts} seats={seats.seats} />
            </>
          ) : (
            <p className="muted">{liveError ?? 'Waiting for live figures…'}</p>
          )}
        </section>
      </div>
      <Served resource={progress} what="Campaign progress figures">
        {progress.data && view && (
          <Allocation
            campaign={view}
            progress={progress.data}
            history={history}
            onRecompute={actions.recompute}
          />
        )}
      </Served>
      {view?.allocationStrategy === 'test_and_learn' && view.status !== 'draft' && (
        <ExperimentCard campaign={view} onChanged={(updated) => campaign.set(() => updated)} />
      )}
    </div>
  );
}
