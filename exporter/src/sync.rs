//! Full syncs and the watch loop: the workspace into files, files into commits, commits to the
//! remote. Changes are found in the audit trail (followed as `feed` describes: one commit per
//! event that changes the files, attributed to its actor, the position in a commit trailer), or,
//! without the audit trail (a workspace below the Business tier), by comparing snapshots.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use segment_provider::inventory;
use segsync_api::types::AuditEvent;
use segsync_api::{AuditFilter, Client};

use crate::feed::{self, Feed, Position, POSITION_TRAILER};
use crate::git::{GitError, Person, Repo};
use crate::health::{Cause, Health};
use crate::layout::{self, FilePattern, Layout, Split};
use crate::scope::{Index, Scope, ScopeError, Skipped};
use crate::snapshot::{self, Options, Renderer, Targets};

/// Where earlier releases kept the feed position; removed by the next full sync.
pub const LEGACY_STATE_FILE: &str = ".segsync/state.json";
pub const MANIFEST_FILE: &str = ".segsync/manifest.json";

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("reading the workspace failed")]
    Api(#[from] segsync_api::Error),
    #[error(transparent)]
    Git(#[from] GitError),
    #[error("writing {path} failed")]
    Io { path: String, source: std::io::Error },
    #[error("the remote branch kept moving; gave up after {0} attempts")]
    KeptMoving(u32),
    #[error(transparent)]
    Scope(#[from] ScopeError),
}

impl SyncError {
    /// Errors that retrying will not fix: the remote refusing pushes, the API refusing the token.
    /// The cause the metrics count this failure under.
    pub fn cause(&self) -> Cause {
        match self {
            SyncError::Api(_) => Cause::Api,
            SyncError::Git(_) | SyncError::KeptMoving(_) => Cause::Git,
            SyncError::Io { .. } => Cause::Io,
            SyncError::Scope(_) => Cause::Config,
        }
    }

    pub fn is_permanent(&self) -> bool {
        match self {
            SyncError::Git(GitError::Rejected { .. }) => true,
            SyncError::Api(segsync_api::Error::Api { status, .. }) => matches!(status, 401 | 403),
            _ => false,
        }
    }
}

/// An error with its sources, for one log line.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// The exporter's working copy and settings.
pub struct Exporter {
    pub repo: Repo,
    pub client: Client,
    pub opts: Options,
    /// Sub-folder of the repository the export lives in ("" for the root).
    pub prefix: String,
    pub committer: Person,
    renderer: Renderer,
    /// Objects other files can refer to, as of the last sync (kept up to date in watch mode).
    targets: Targets,
    /// Secret keys per object and the sensitive variables they make, as of the last sync.
    secrets: BTreeMap<String, BTreeSet<String>>,
    variables: Variables,
    /// The manifest as last written (read from the working copy when `None`).
    owned: Option<BTreeSet<String>>,
    /// Where the time and options of the last full read are kept (in the git dir; asked once).
    marker: std::sync::OnceLock<PathBuf>,
    /// An event the vocabulary does not know was seen: the next watch round reconciles.
    reconcile: bool,
    /// How changes are found: the audit trail, or snapshots when the workspace has none.
    pub feed: Feed,
    /// Audit events older than this are gone (Segment keeps 90 days); a position older than
    /// that means a full reconcile.
    pub retention: Duration,
    /// How far before the last applied event each poll starts reading again, for events that
    /// appear late (server clocks that disagree, events sharing a timestamp).
    pub overlap: Duration,
    /// Where the export is in the audit trail; loaded from git when `None`.
    position: Option<Position>,
    /// Whether targets, secrets and variables are known (a full read happened in this run).
    primed: bool,
    /// Commit but never push (`--dry-run`).
    pub no_push: bool,
    /// Which objects the export holds (`--include`, `--exclude`, `--exclude-managed-by`).
    pub scope: Scope,
    /// What belongs to what (for label and id selectors), from every object read.
    index: Index,
    /// What the daemon reports about itself (`--listen`).
    pub health: Arc<Health>,
    /// Whether the hints about what is never read (profiles warehouses without `--spaces`,
    /// pending invites) were logged in this run.
    hinted: bool,
    /// How old the last full read may be before `--once` reads everything again
    /// (`--full-sync-every`); a younger one lets `--once` read only what the events name.
    pub full_every: Duration,
    /// This run reads only what the events name: what files refer to is learnt from the files.
    incremental: bool,
}

/// Secret variables by (root folder, name): each root's `variables.tf`.
type Variables = BTreeMap<(String, String), String>;

/// The `variables.tf` of one root.
fn variables_of(variables: &Variables, root: &str) -> String {
    snapshot::variables_tf(variables.iter().filter(|((r, _), _)| r == root).map(|(_, block)| block))
}

/// What a full read keeps besides the files it writes.
#[derive(Default)]
struct Learnt {
    targets: Targets,
    secrets: BTreeMap<String, BTreeSet<String>>,
    variables: Variables,
    skipped: Skipped,
    objects: usize,
}

/// Kinds a full read lists at once (each fans out per parent within the client's pace).
const KINDS_AT_ONCE: usize = 3;

/// Kinds whose objects change without an event of their own: Segment reports adding a source to
/// a tracking plan as `Source Modified` on the source (`api_tracking_plans.go:51`) and
/// connecting a warehouse as `Storage Destination Modified` on the warehouse
/// (`api_warehouses.go:42`), so an event of the first kind that did not change its object's own
/// file re-reads the second kind's objects that involve it — the part of their import id it is.
const RELATED: &[(&str, &str, usize)] = &[
    ("segment_source", "segment_source_tracking_plan_connection", 0),
    ("segment_tracking_plan", "segment_source_tracking_plan_connection", 1),
    ("segment_warehouse", "segment_source_warehouse_connection", 1),
];

/// Where a work directory remembers its last full read (in its git directory: never committed).
const FULL_SYNC_MARKER: &str = "segsync-full-sync";

impl Exporter {
    pub fn new(repo: Repo, client: Client, opts: Options, prefix: &str, committer: Person) -> Self {
        let prefix = prefix.trim_matches('/').to_string();
        let renderer = Renderer::new(opts.clone());
        Exporter {
            repo,
            client,
            opts,
            prefix,
            committer,
            renderer,
            targets: Targets::new(),
            secrets: BTreeMap::new(),
            variables: BTreeMap::new(),
            owned: None,
            marker: std::sync::OnceLock::new(),
            reconcile: false,
            feed: Feed::AuditTrail,
            retention: Duration::from_secs(90 * 24 * 3600),
            overlap: Duration::from_secs(120),
            position: None,
            primed: false,
            no_push: false,
            scope: Scope::default(),
            index: Index::default(),
            hinted: false,
            health: Arc::new(Health::default()),
            full_every: Duration::from_secs(24 * 3600),
            incremental: false,
        }
    }

    fn rel(&self, p: &str) -> String {
        if self.prefix.is_empty() {
            p.to_string()
        } else {
            format!("{}/{p}", self.prefix)
        }
    }

    fn abs(&self, p: &str) -> PathBuf {
        self.repo.dir.join(self.rel(p))
    }

    fn write(&self, p: &str, content: &str) -> Result<bool, SyncError> {
        let path = self.abs(p);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(content) {
            return Ok(false);
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| SyncError::Io { path: p.to_string(), source })?;
        }
        std::fs::write(&path, content).map_err(|source| SyncError::Io { path: p.to_string(), source })?;
        crate::crashpoint::reached("file");
        Ok(true)
    }

    fn remove(&self, p: &str) -> bool {
        std::fs::remove_file(self.abs(p)).is_ok()
    }

    pub fn manifest(&self) -> BTreeSet<String> {
        std::fs::read_to_string(self.abs(MANIFEST_FILE))
            .ok()
            .and_then(|s| serde_json::from_str::<Vec<String>>(&s).ok())
            .map(|v| v.into_iter().collect())
            .unwrap_or_default()
    }

    /// The feed position recorded in the branch's history: the trailer of the latest commit of
    /// this export that carries one.
    pub fn recorded_position(&self) -> Option<Position> {
        let scope = if self.prefix.is_empty() { ".".to_string() } else { self.prefix.clone() };
        let grep = format!("--grep=^{POSITION_TRAILER}: ");
        let body = self.repo.git(&["log", "-1", "--format=%B", &grep, "--", &scope]).ok()?;
        Position::from_message(&body)
    }

    /// The position, loaded from git the first time (and after a reset to the remote).
    fn position(&mut self) -> &mut Position {
        if self.position.is_none() {
            self.position = Some(self.recorded_position().unwrap_or_default());
        }
        self.position.get_or_insert_with(Position::default)
    }

    /// `message` with `trailers` and, in audit-trail mode once known, the feed position as the
    /// last trailer (one block, as `git interpret-trailers` reads them).
    fn with_trailers(&mut self, message: &str, mut trailers: Vec<String>) -> String {
        if self.feed == Feed::AuditTrail {
            trailers.extend(self.position().trailer());
        }
        if trailers.is_empty() {
            return message.to_string();
        }
        format!("{message}\n\n{}", trailers.join("\n"))
    }

    /// The time of the newest event in the feed (the first page, newest first on Segment's API;
    /// the largest timestamp of it, whatever the order). `None` when the feed is empty or absent.
    /// With it, the ids of the events at that time: they are in what a read that starts now
    /// sees.
    async fn feed_head(&mut self) -> Result<Option<(i64, BTreeSet<String>)>, SyncError> {
        if self.feed != Feed::AuditTrail {
            return Ok(None);
        }
        match self.client.audit_events_page(&AuditFilter::default(), None).await {
            Ok((events, _)) => Ok(feed::head_of(&events)),
            Err(e) if feed::no_audit_trail(&e) => {
                self.snapshots_from_now(&e);
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }

    fn snapshots_from_now(&mut self, e: &segsync_api::Error) {
        tracing::warn!(error = %e, "this workspace has no audit trail; changes are found by comparing snapshots and attributed to the exporter");
        self.feed = Feed::Snapshots;
    }

    /// One full reconcile: every owned file made to match the workspace, "Full sync" committed
    /// when something differs, then pushed (retrying when the remote moved).
    pub async fn full_sync(&mut self) -> Result<bool, SyncError> {
        for attempt in 1..=6u32 {
            let changed = self.full_sync_once().await?;
            if self.no_push {
                return Ok(changed);
            }
            // A commit of an earlier run that was killed before its push goes out now.
            if !changed && !self.repo.is_ahead() {
                self.remember_full_read();
                return Ok(false);
            }
            match self.push_counted() {
                Ok(()) => {
                    self.remember_full_read();
                    return Ok(true);
                }
                Err(GitError::Behind) => {
                    tracing::warn!(attempt, "the remote moved; fetching and syncing again");
                    tokio::time::sleep(backoff(attempt)).await;
                    self.reset_to_remote()?;
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(SyncError::KeptMoving(6))
    }

    async fn full_sync_once(&mut self) -> Result<bool, SyncError> {
        // The feed position is taken first, so nothing that happens while reading is missed.
        self.position();
        let head = self.feed_head().await?;
        let owned = self.manifest();
        let mut touched = Vec::new();
        let mut now_owned = BTreeSet::new();
        // What changed, by object, for the commit message (what it lists, not every object).
        let mut changes = Changes::default();
        // Each file is written as soon as it is rendered; only the paths are kept — and past
        // what `Repo::stage` takes one by one, not even those (it stages the whole tree then).
        let mut place = |this: &Self, path: String, text: &str, what: Option<String>| -> Result<(), SyncError> {
            if !owned.contains(&path) && this.abs(&path).exists() {
                tracing::warn!(path, "a file the exporter did not write is in the way; leaving it alone");
                return Ok(());
            }
            let existed = this.abs(&path).exists();
            if this.write(&path, text)? {
                if touched.len() <= crate::git::STAGED_ONE_BY_ONE {
                    touched.push(this.rel(&path));
                }
                if let Some(w) = what {
                    changes.add(if existed { Change::Changed } else { Change::Added }, w);
                }
            }
            now_owned.insert(path);
            Ok(())
        };
        // Each root folder with objects gets its providers and variables (one root, the top,
        // without --split-by).
        let mut roots = BTreeSet::new();
        if self.opts.split == Split::None {
            roots.insert(String::new());
        }
        self.read_workspace(|this, it, r| {
            roots.insert(layout::root_of_path(&r.path).to_string());
            place(this, r.path, &r.text, Some(snapshot::naming(it.type_name, &snapshot::title_of(it), &it.import_id)))
        })
        .await?;
        tracing::debug!("files written");
        let providers = snapshot::providers_tf(&self.opts.provider_source, self.opts.terraform);
        for root in &roots {
            place(self, layout::in_root(root, "providers.tf"), &providers, None)?;
            place(self, layout::in_root(root, "variables.tf"), &variables_of(&self.variables, root), None)?;
        }
        if self.opts.split != Split::None {
            place(self, "atlantis.yaml".to_string(), &snapshot::atlantis_yaml(&self.prefix, &roots), None)?;
        }
        place(self, ".gitignore".to_string(), snapshot::GITIGNORE, None)?;
        place(self, "backend.tf.example".to_string(), snapshot::BACKEND_EXAMPLE, None)?;
        for path in owned.difference(&now_owned) {
            let named = std::fs::read_to_string(self.abs(path)).ok().and_then(|t| snapshot::naming_in(&t));
            if self.remove(path) {
                touched.push(self.rel(path));
                changes.add(Change::Removed, named.unwrap_or_else(|| path.clone()));
            }
        }
        let manifest = serde_json::to_string_pretty(&now_owned.iter().collect::<Vec<_>>()).unwrap_or_default() + "\n";
        let mut meta = Vec::new();
        if self.write(MANIFEST_FILE, &manifest)? {
            meta.push(self.rel(MANIFEST_FILE));
        }
        if self.remove(LEGACY_STATE_FILE) {
            meta.push(self.rel(LEGACY_STATE_FILE));
        }
        if self.feed == Feed::AuditTrail {
            self.position().covered(head);
        }
        self.health.objects(objects_in(&now_owned));
        self.owned = Some(now_owned);
        crate::crashpoint::reached("files-written");
        if touched.is_empty() && meta.is_empty() {
            return Ok(false);
        }
        touched.extend(meta);
        self.repo.stage(&touched)?;
        if !self.repo.has_staged_changes() {
            return Ok(false);
        }
        let text = full_sync_message(&changes);
        let message = self.with_trailers(&text, vec![]);
        self.repo.commit(&message, &self.committer, &self.committer, None)?;
        let summary = text.lines().next().unwrap_or_default();
        tracing::info!(commit = self.repo.head_id().unwrap_or_default(), summary, "committed");
        Ok(true)
    }

    /// `--once`: replays the audit events since the recorded position as commits by their
    /// actors, reading only the objects they name; then, when the last full read is older than
    /// [`Exporter::full_every`] (or there is none, or the feed had a gap or an event it could not
    /// place), reconciles the rest with a full read; then pushes. Returns whether anything
    /// changed.
    pub async fn once(&mut self) -> Result<bool, SyncError> {
        self.incremental = self.may_read_only_what_changed();
        let replayed = self.replay().await?;
        if !self.incremental || std::mem::take(&mut self.reconcile) {
            self.incremental = false;
            return Ok(self.full_sync().await? || replayed > 0);
        }
        tracing::info!(events = replayed, "read only what the audit events name (the last full read is recent; --full-sync-every)");
        if self.no_push || !self.repo.is_ahead() {
            return Ok(replayed > 0);
        }
        match self.push_counted() {
            Ok(()) => Ok(true),
            Err(GitError::Behind) => {
                // Someone else pushed: start again from the remote's tip with a full read.
                tracing::warn!("the remote moved; fetching and syncing in full");
                self.reset_to_remote()?;
                self.incremental = false;
                self.primed = false;
                Ok(self.full_sync().await? || replayed > 0)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Whether this `--once` may read only what the events name: there is a feed position to
    /// replay from, the scope needs no index of what belongs to what, and this work directory
    /// made a full read with the same options less than [`Exporter::full_every`] ago.
    fn may_read_only_what_changed(&mut self) -> bool {
        if self.feed != Feed::AuditTrail || self.position().at.is_none() || self.scope.by_owner() || self.opts.split.by_owner() {
            return false;
        }
        let Some(text) = self.full_read_marker().and_then(|p| std::fs::read_to_string(p).ok()) else { return false };
        let (at, fingerprint) = text.split_once('\n').unwrap_or((&text, ""));
        let Ok(at) = at.trim().parse::<u64>() else { return false };
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(at);
        fingerprint.trim_end() == self.fingerprint() && SystemTime::now().duration_since(at).is_ok_and(|age| age < self.full_every)
    }

    /// The file in the work directory's git directory that records the last full read of this
    /// export (its path in the repository in the name).
    fn full_read_marker(&self) -> Option<PathBuf> {
        if let Some(p) = self.marker.get() {
            return Some(p.clone());
        }
        // Not remembered until the working copy exists.
        let git_dir = self.repo.git(&["rev-parse", "--absolute-git-dir"]).ok()?;
        let suffix: String = self.prefix.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
        let p = PathBuf::from(git_dir.trim()).join(format!("{FULL_SYNC_MARKER}{}{suffix}", if suffix.is_empty() { "" } else { "-" }));
        Some(self.marker.get_or_init(|| p).clone())
    }

    /// What decides the files besides the workspace: a full read with other options does not
    /// stand for this one.
    fn fingerprint(&self) -> String {
        format!("{:?} {:?} {:?} {:?}", self.opts, self.scope.include, self.scope.exclude, self.scope.managed_by)
    }

    fn remember_full_read(&self) {
        let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        if let Some(p) = self.full_read_marker() {
            let _ = std::fs::write(p, format!("{now}\n{}\n", self.fingerprint()));
        }
    }

    /// The events since the recorded position, applied as attributed commits (none on a first
    /// export, or without the audit trail).
    async fn replay(&mut self) -> Result<usize, SyncError> {
        if self.feed != Feed::AuditTrail || self.position().at.is_none() {
            return Ok(0);
        }
        let n = self.follow_once(&AtomicBool::new(false)).await?;
        if n > 0 {
            tracing::info!(commits = n, "replayed the audit events since the last run");
        }
        Ok(n)
    }

    /// Reads every object in scope, kind by kind in dependency order (three kinds in flight),
    /// renders each as its kind's answer arrives and hands the file to `each`, keeping only what
    /// later files need: the objects they can refer to, secret keys and variables (then
    /// [`Exporter::targets`], [`Exporter::secrets`], [`Exporter::variables`]). A label or id
    /// selector holds every object until it knows what belongs to what.
    async fn read_workspace<F>(&mut self, mut each: F) -> Result<(), SyncError>
    where
        F: FnMut(&Self, &segment_provider::kind::Item, snapshot::Rendered) -> Result<(), SyncError>,
    {
        use futures_util::stream::{StreamExt, TryStreamExt};
        self.scope.reload()?;
        let kinds: Vec<&str> = inventory::types().filter(|t| self.scope.lists(t)).collect();
        let not_read: Vec<&str> = inventory::types().filter(|t| !self.scope.lists(t)).map(|t| t.trim_start_matches("segment_")).collect();
        if !not_read.is_empty() {
            tracing::info!(kinds = not_read.join(", "), "kinds not read: --include or --exclude leaves them out");
        }
        let progress = crate::progress::Progress::new("reading the workspace, writing files", kinds.len());
        let by_owner = self.scope.by_owner() || self.opts.split.by_owner();
        let mut learnt = Learnt::default();
        let mut index = Index::default();
        let mut held = Vec::new();
        {
            // One client that remembers the collections it read: each is asked for once per
            // read however many kinds need it, and the client's pace keeps the requests in
            // flight (and the rate limit) in bounds.
            let client = self.client.remembering();
            let (spaces, health) = (&self.opts.spaces, &self.health);
            let shape = self.renderer.shape();
            let mut lists = futures_util::stream::iter(kinds.iter().map(|t| {
                let (client, shape) = (client.clone(), shape.clone());
                async move {
                    // Only what files show is kept of each object, pruned as it is made (and what
                    // says what belongs to what): no raw answer is held for a whole kind.
                    let items = segment_provider::kind::shaped(shape, inventory::list(&client, t, spaces)).await?;
                    health.api_answered();
                    Ok::<_, segsync_api::Error>(items)
                }
            }))
            .buffered(KINDS_AT_ONCE);
            while let Some(items) = lists.try_next().await? {
                for it in items {
                    index.learn(&it);
                    if by_owner {
                        held.push(it);
                    } else {
                        self.take(&mut learnt, it, &index, &mut each)?;
                    }
                }
                progress.tick();
            }
        }
        for it in held {
            self.take(&mut learnt, it, &index, &mut each)?;
        }
        progress.finish();
        self.index = index;
        if learnt.skipped.total() > 0 {
            tracing::info!(skipped = learnt.skipped.total(), why = learnt.skipped.summary(), "objects left out of the export");
        }
        self.hint_what_is_never_read().await;
        tracing::info!(objects = learnt.objects, "workspace read");
        self.targets = learnt.targets;
        self.secrets = learnt.secrets;
        self.variables = learnt.variables;
        self.primed = true;
        Ok(())
    }

    /// One object of a full read: left out when out of scope, else learnt and rendered.
    fn take<F>(&self, learnt: &mut Learnt, it: segment_provider::kind::Item, index: &Index, each: &mut F) -> Result<(), SyncError>
    where
        F: FnMut(&Self, &segment_provider::kind::Item, snapshot::Rendered) -> Result<(), SyncError>,
    {
        if let Err(why) = self.scope.admits(&it, index) {
            learnt.skipped.add(why);
            return Ok(());
        }
        learnt.objects += 1;
        let root = index.root(&self.opts.split, &it);
        // Kinds come in dependency order: what this object refers to is already a target.
        if let Some(t) = snapshot::target_of(&it) {
            learnt.targets.insert(t, root.clone());
        }
        // Secret keys come with each object's own answer: no second read.
        if !it.secrets.is_empty() {
            learnt.secrets.insert(snapshot::secret_key_of(&it), it.secrets.clone());
        }
        if let Some(mut r) = self.renderer.render(&it, &root, &learnt.targets, &it.secrets) {
            learnt.variables.extend(std::mem::take(&mut r.variables).into_iter().map(|(name, block)| ((root.clone(), name), block)));
            each(self, &it, r)?;
        }
        Ok(())
    }

    /// Once a run: what no export holds, and how to get it (profiles warehouses need space ids;
    /// pending invites are not users yet).
    async fn hint_what_is_never_read(&mut self) {
        if std::mem::replace(&mut self.hinted, true) {
            return;
        }
        if self.opts.spaces.is_empty() && self.scope.lists("segment_profiles_warehouse") {
            tracing::info!(
                "profiles warehouses are not read without --spaces: the API lists them per space; find space ids with GET {}/spaces or in the app's URLs (…/spaces/<id>/…)",
                self.client.base_url().as_str().trim_end_matches('/')
            );
        }
        if self.scope.lists("segment_user") {
            if let Ok(invites) = self.client.list_invites().await {
                if !invites.is_empty() {
                    tracing::info!(invites = invites.len(), "pending invites are not exported: each becomes a segment_user once accepted");
                }
            }
        }
    }

    /// Before the first event of a run is applied: what an object's file depends on besides the
    /// object (the objects it can refer to, every secret variable), read once, nothing written.
    async fn prime(&mut self) -> Result<(), SyncError> {
        if self.primed {
            return Ok(());
        }
        if self.incremental {
            self.prime_from_files()?;
            return Ok(());
        }
        self.read_workspace(|_, _, _| Ok(())).await
    }

    /// [`Exporter::prime`] without reading the workspace: the objects files can refer to are the
    /// objects of the files this export owns, the secret variables those of its `variables.tf`
    /// — what the last full read and the events since wrote.
    fn prime_from_files(&mut self) -> Result<(), SyncError> {
        self.scope.reload()?;
        let owned = match self.owned.take() {
            Some(o) => o,
            None => self.manifest(),
        };
        self.targets = owned
            .iter()
            .filter_map(|p| Some((snapshot::target_in(&std::fs::read_to_string(self.abs(p)).ok()?)?, layout::root_of_path(p).to_string())))
            .collect();
        let roots: BTreeSet<&str> = owned.iter().map(|p| layout::root_of_path(p)).collect();
        self.variables.clear();
        self.secrets.clear();
        for root in roots {
            let (variables, secrets) =
                snapshot::variables_in(&std::fs::read_to_string(self.abs(&layout::in_root(root, "variables.tf"))).unwrap_or_default());
            self.variables.extend(variables.into_iter().map(|(name, block)| ((root.to_string(), name), block)));
            self.secrets.extend(secrets);
        }
        tracing::debug!(targets = self.targets.len(), variables = self.variables.len(), "learnt from the files");
        self.owned = Some(owned);
        self.primed = true;
        Ok(())
    }

    /// Follows the workspace: one commit per change, pushed after each batch. Returns when
    /// `stop` is set (after finishing the current commit).
    pub async fn watch(&mut self, interval: Duration, full_every: Duration, stop: &AtomicBool) -> Result<(), SyncError> {
        // Problems at start (credentials, unreachable remote) end the run with their message.
        let started = SystemTime::now();
        self.full_every = full_every;
        self.once().await?;
        self.health.api_answered();
        self.health.remote_answered();
        self.health.polled(started);
        let mut last_full = Instant::now();
        let mut failures = 0u32;
        let mut needs_reset = false;
        while !stop.load(Ordering::SeqCst) {
            let resetting = needs_reset;
            let started = SystemTime::now();
            let step = if needs_reset {
                // Unpushed local commits are dropped; the feed position on the remote replays them.
                self.reset_to_remote().map_err(SyncError::from).map(|()| {
                    needs_reset = false;
                    true
                })
            } else {
                self.watch_step(&mut last_full, full_every, stop).await
            };
            // Only a whole round (the API read, the commits pushed) says the outage is over;
            // getting the remote's state back alone does not.
            if step.is_ok() && !resetting && failures > 0 {
                tracing::info!(failures, "the API and the remote answer again; resumed from the remote's feed position");
                failures = 0;
            }
            match &step {
                Ok(_) if resetting => self.health.remote_answered(),
                Ok(_) => {
                    self.health.api_answered();
                    self.health.polled(started);
                    // A quiet workspace pushes nothing: ask the remote now and then, so the
                    // health check knows it still answers.
                    if self.health.remote_due() {
                        match self.repo.probe_remote() {
                            Ok(()) => self.health.remote_answered(),
                            Err(e) => self.health.failed(Cause::Git, &error_chain(&e)),
                        }
                    }
                }
                Err(e) => self.health.failed(e.cause(), &error_chain(e)),
            }
            let pause = match step {
                Ok(true) => continue,
                Ok(false) => interval,
                Err(e) if e.is_permanent() => return Err(e),
                Err(e) => {
                    // A blip (API unavailable, network, a killed git): start again from what the
                    // remote holds; the feed position there says where to resume.
                    failures += 1;
                    needs_reset = true;
                    tracing::error!(error = %error_chain(&e), failures, "watch step failed; retrying from the remote's state");
                    backoff(failures.min(6))
                }
            };
            let until = Instant::now() + pause;
            while Instant::now() < until && !stop.load(Ordering::SeqCst) {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        Ok(())
    }

    /// One round of watch mode; `true` when it committed something (look again at once).
    async fn watch_step(&mut self, last_full: &mut Instant, full_every: Duration, stop: &AtomicBool) -> Result<bool, SyncError> {
        if self.feed == Feed::Snapshots {
            // Without the audit trail every round compares a snapshot with the files.
            self.full_sync().await?;
            *last_full = Instant::now();
            return Ok(false);
        }
        let committed = self.follow_once(stop).await?;
        if committed > 0 {
            self.push_or_replay()?;
            return Ok(true);
        }
        if std::mem::take(&mut self.reconcile) || last_full.elapsed() >= full_every {
            self.full_sync().await?;
            *last_full = Instant::now();
        }
        Ok(false)
    }

    /// Makes the working copy the remote's tip again (unpushed commits dropped: the feed position
    /// the remote holds replays them), and forgets the manifest and position held in memory.
    fn reset_to_remote(&mut self) -> Result<(), GitError> {
        self.owned = None;
        self.position = None;
        self.repo.sync_to_remote(false)
    }

    /// Drops an object's secret keys and the variables they made; whether it had any.
    fn forget_secrets(&mut self, type_name: &str, import_id: &str) -> bool {
        let keys = self.secrets.remove(&snapshot::secret_key(type_name, import_id)).unwrap_or_default();
        let names: BTreeSet<String> = keys.iter().map(|k| snapshot::secret_variable(type_name, import_id, k)).collect();
        if !names.is_empty() {
            self.variables.retain(|(_, name), _| !names.contains(name));
        }
        !keys.is_empty()
    }

    /// Pushes the commits the remote does not have, counted for the metrics.
    fn push_counted(&mut self) -> Result<(), GitError> {
        let ahead = self.repo.ahead_count() as u64;
        self.repo.push()?;
        self.health.pushed(ahead);
        self.health.remote_answered();
        tracing::info!(commit = self.repo.head_id().unwrap_or_default(), "pushed");
        Ok(())
    }

    fn push_or_replay(&mut self) -> Result<(), SyncError> {
        match self.push_counted() {
            Ok(()) => Ok(()),
            Err(GitError::Behind) => {
                // Someone else pushed: drop our unpushed commits, continue from the position the
                // remote holds; the next round regenerates them on top of the remote tip.
                tracing::warn!("the remote moved; continuing from its tip");
                self.reset_to_remote()?;
                Ok(())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Reads the audit events after the position (minus the overlap), every page, and applies
    /// the ones not applied yet in timestamp order; returns how many commits were made.
    pub async fn follow_once(&mut self, stop: &AtomicBool) -> Result<usize, SyncError> {
        if self.feed != Feed::AuditTrail {
            return Ok(0);
        }
        let (overlap, retention) = (self.overlap, self.retention);
        if self.position().expired(retention, overlap) {
            let at = self.position().at.map(feed::ts_of);
            tracing::warn!(position = at, "the feed position is older than the audit trail keeps; reconciling");
            self.reconcile = true;
            return Ok(0);
        }
        let filter = AuditFilter { start_time: self.position().window_start(overlap), ..AuditFilter::default() };
        let events = match self.client.audit_events(&filter).await {
            Ok(e) => e,
            Err(e) if feed::no_audit_trail(&e) => {
                self.snapshots_from_now(&e);
                self.reconcile = true;
                return Ok(0);
            }
            Err(e) => return Err(e.into()),
        };
        let (fresh, unreadable) = self.position().fresh(events);
        if unreadable {
            self.reconcile = true;
        }
        let mut commits = 0;
        for (ts, ev) in fresh {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            if !self.position().applied(ts, &ev.id) {
                continue;
            }
            if self.apply_event(&ev).await? {
                commits += 1;
            }
            self.health.events_applied(1);
            self.health.api_answered();
        }
        self.position().prune(overlap);
        Ok(commits)
    }

    /// Writes the file of the event's object (or removes it), and re-reads the kinds that change
    /// with it, then commits with the event's actor as author when the tree changed. Returns
    /// whether a commit was made.
    async fn apply_event(&mut self, ev: &AuditEvent) -> Result<bool, SyncError> {
        let type_name = match inventory::target_of_event(&ev.kind, &ev.resource_type) {
            inventory::EventTarget::Type(t) => t,
            // A warehouse run, an inferred tracking plan…: no configuration changed.
            inventory::EventTarget::Nothing => return Ok(false),
            inventory::EventTarget::Unknown => {
                // Rather than guess what changed, read everything at the end of this round.
                tracing::info!(event = ev.kind, resource_type = ev.resource_type, "an audit event of an unknown kind; reconciling");
                self.reconcile = true;
                return Ok(false);
            }
        };
        self.prime().await?;
        let item = inventory::get(&self.client, type_name, &ev.resource_id, &self.opts.spaces).await?;
        // Out of scope is as good as gone: a file it had is removed. A source whose labels
        // changed may take what belongs to it into or out of scope: reconcile this round.
        let item = match item {
            Some(it) => {
                let before = self.scope.admits(&it, &self.index).is_ok();
                self.index.learn(&it);
                let now = self.scope.admits(&it, &self.index).is_ok();
                if it.type_name == "segment_source" && before != now {
                    self.reconcile = true;
                }
                now.then_some(it)
            }
            None => None,
        };
        // An object under another one may be named by its own id alone (Segment's audit trail):
        // its file is found by the import id the lookup gave, or, once it is gone, in the
        // manifest by the id its file name ends with.
        let root = item.as_ref().map(|it| self.index.root(&self.opts.split, it));
        let path = match (&item, &root) {
            (Some(it), Some(root)) => layout::path_in(root, self.opts.layout, type_name, &it.import_id),
            _ => self.file_of_gone(type_name, &ev.resource_id),
        };
        let root = layout::root_of_path(&path).to_string();
        // The manifest is kept in memory between events: reading and rewriting it for every
        // event would cost O(workspace) each time.
        let mut owned = match self.owned.take() {
            Some(o) => o,
            None => self.manifest(),
        };
        let was_owned = owned.contains(&path);
        if item.is_some() && !was_owned && self.abs(&path).exists() {
            self.owned = Some(owned);
            return Ok(false);
        }
        // An object whose root changed (a source's label, under --split-by label): its file and
        // what belongs to it move at this round's reconcile.
        if item.is_some() && !was_owned && self.opts.split.by_owner() {
            let file = path.rsplit('/').next().unwrap_or(&path);
            if owned.iter().any(|p| p.rsplit('/').next() == Some(file)) {
                tracing::info!(path, "an object moved to another root; reconciling");
                self.reconcile = true;
                self.owned = Some(owned);
                return Ok(false);
            }
        }
        let mut touched = Vec::new();
        let mut manifest_changed = false;
        if item.is_some() {
            manifest_changed |= self.ensure_root(&root, &mut owned, &mut touched)?;
        }
        // The object's name for the message: from the workspace, or, once it is gone, from the
        // comment its file starts with.
        let named = match &item {
            Some(it) => Some(snapshot::naming(it.type_name, &snapshot::title_of(it), &it.import_id)),
            None => std::fs::read_to_string(self.abs(&path)).ok().and_then(|t| snapshot::naming_in(&t)),
        };
        // The object's secret variables are dropped, and made again when it still exists.
        let import_id = item.as_ref().map_or_else(|| ev.resource_id.clone(), |it| it.import_id.clone());
        let had_secrets = self.forget_secrets(type_name, &import_id);
        let mut has_secrets = false;
        let gone = item.is_none();
        // Whether the object's own file changed: then the event was about the object itself.
        let mut own_changed = false;
        match item {
            Some(item) => {
                let item = self.renderer.prune(item);
                let keys = item.secrets.clone();
                if let Some(t) = snapshot::target_of(&item) {
                    self.targets.insert(t, root.clone());
                }
                if let Some(r) = self.renderer.render(&item, &root, &self.targets, &keys) {
                    self.variables.extend(r.variables.into_iter().map(|(name, block)| ((root.clone(), name), block)));
                    if self.write(&r.path, &r.text)? {
                        touched.push(self.rel(&r.path));
                        own_changed = true;
                    }
                }
                if !keys.is_empty() {
                    has_secrets = true;
                    self.secrets.insert(snapshot::secret_key_of(&item), keys);
                }
                manifest_changed |= owned.insert(path.clone());
            }
            None => {
                self.targets.remove(&(type_name.to_string(), ev.resource_id.clone()));
                if was_owned && self.remove(&path) {
                    touched.push(self.rel(&path));
                }
                manifest_changed |= owned.remove(&path);
            }
        }
        // An event that changed nothing in its object's file was about what involves it (a
        // source added to a plan is `Source Modified`): those objects are read from its end. A
        // gone object's connections went with it.
        for (_, related, part) in RELATED.iter().filter(|(t, _, _)| *t == type_name) {
            if own_changed && !gone {
                continue;
            }
            let (t, changed) = self.refresh_related(&mut owned, related, (type_name, &import_id, *part), gone).await?;
            touched.extend(t);
            manifest_changed |= changed;
        }
        let variables_tf = layout::in_root(&root, "variables.tf");
        if (had_secrets || has_secrets) && self.write(&variables_tf, &variables_of(&self.variables, &root))? {
            touched.push(self.rel(&variables_tf));
        }
        if manifest_changed {
            let manifest = serde_json::to_string_pretty(&owned.iter().collect::<Vec<_>>()).unwrap_or_default() + "\n";
            self.write(MANIFEST_FILE, &manifest)?;
            touched.push(self.rel(MANIFEST_FILE));
        }
        self.health.objects(objects_in(&owned));
        self.owned = Some(owned);
        // An event whose change a later one already wrote, or an event replayed after a
        // restart, changes nothing: no commit.
        if touched.is_empty() {
            return Ok(false);
        }
        self.repo.stage(&touched)?;
        if !self.repo.has_staged_changes() {
            return Ok(false);
        }
        let message = commit_message(ev, type_name, named.as_deref(), &import_id);
        let author = author_of(ev);
        let trailers = vec![format!("{EVENT_ID_TRAILER}: {}", ev.id), format!("{EVENT_TIME_TRAILER}: {}", ev.timestamp)];
        let full = self.with_trailers(&message, trailers);
        self.repo.commit(&full, &author, &self.committer, git_date(&ev.timestamp).as_deref())?;
        tracing::info!(commit = self.repo.head_id().unwrap_or_default(), message, "committed");
        Ok(true)
    }

    /// Makes the files of `type_name` (a kind that changes without events of its own) that
    /// involve one object — `(its type, its id, the part of their import id it is)` — match
    /// the workspace: read from that object's end where the API can (else the whole kind), none
    /// when the object is `gone`. The paths touched and whether the manifest changed.
    async fn refresh_related(
        &mut self,
        owned: &mut BTreeSet<String>,
        type_name: &str,
        (of_type, id, part): (&str, &str, usize),
        gone: bool,
    ) -> Result<(Vec<String>, bool), SyncError> {
        let mut parts = [None, None];
        parts[part] = Some(id);
        let involving = if gone { Some(Vec::new()) } else { inventory::involving(&self.client, type_name, of_type, id).await? };
        let (mut items, pattern) = match involving {
            Some(items) => (items, FilePattern::new(self.opts.layout, type_name, &parts)),
            None => {
                (inventory::list(&self.client, type_name, &self.opts.spaces).await?, FilePattern::new(self.opts.layout, type_name, &[None]))
            }
        };
        items.retain(|it| self.scope.admits(it, &self.index).is_ok());
        let mut touched = Vec::new();
        let mut changed = false;
        let mut keep = BTreeSet::new();
        for it in items {
            let it = self.renderer.prune(it);
            let root = self.index.root(&self.opts.split, &it);
            if let Some(t) = snapshot::target_of(&it) {
                self.targets.insert(t, root.clone());
            }
            let Some(r) = self.renderer.render(&it, &root, &self.targets, &it.secrets) else { continue };
            if !owned.contains(&r.path) && self.abs(&r.path).exists() {
                continue;
            }
            changed |= self.ensure_root(&root, owned, &mut touched)?;
            if self.write(&r.path, &r.text)? {
                touched.push(self.rel(&r.path));
            }
            changed |= owned.insert(r.path.clone());
            keep.insert(r.path);
        }
        if let Some(pattern) = pattern {
            let gone: Vec<String> = owned.iter().filter(|p| pattern.matches(p) && !keep.contains(*p)).cloned().collect();
            for p in gone {
                if self.remove(&p) {
                    touched.push(self.rel(&p));
                }
                changed |= owned.remove(&p);
            }
        }
        Ok((touched, changed))
    }
}

impl Exporter {
    /// Gives a root folder new to the export its providers and variables, and Atlantis a
    /// project for it (nothing without --split-by); whether the manifest changed.
    fn ensure_root(&self, root: &str, owned: &mut BTreeSet<String>, touched: &mut Vec<String>) -> Result<bool, SyncError> {
        if self.opts.split == Split::None || owned.contains(&layout::in_root(root, "providers.tf")) {
            return Ok(false);
        }
        let providers = snapshot::providers_tf(&self.opts.provider_source, self.opts.terraform);
        for (file, text) in [("providers.tf", providers), ("variables.tf", variables_of(&self.variables, root))] {
            let p = layout::in_root(root, file);
            self.write(&p, &text)?;
            touched.push(self.rel(&p));
            owned.insert(p);
        }
        let roots: BTreeSet<String> =
            owned.iter().filter(|p| p.ends_with("/providers.tf")).map(|p| layout::root_of_path(p).to_string()).collect();
        if self.write("atlantis.yaml", &snapshot::atlantis_yaml(&self.prefix, &roots))? {
            touched.push(self.rel("atlantis.yaml"));
        }
        owned.insert("atlantis.yaml".to_string());
        Ok(true)
    }

    /// The file an object that is gone had: the path of its import id, or, for an object named
    /// by its own id alone, the owned file of its type whose name ends with that id.
    fn file_of_gone(&mut self, type_name: &str, id: &str) -> String {
        let direct = crate::layout::file_for(self.opts.layout, type_name, id);
        if self.owned.is_none() {
            self.owned = Some(self.manifest());
        }
        let Some(owned) = &self.owned else { return direct };
        if owned.contains(&direct) {
            return direct;
        }
        // In whichever root folder it is (--split-by; flat file names carry the kind).
        if self.opts.layout == Layout::Flat {
            let in_a_root = format!("/{direct}");
            if let Some(found) = owned.iter().find(|p| p.ends_with(&in_a_root)) {
                return found.clone();
            }
        }
        if id.contains(segment_provider::kind::ID_SEPARATOR) {
            return direct;
        }
        let Some(any_parent) = FilePattern::new(self.opts.layout, type_name, &[None, Some(id)]) else { return direct };
        owned.iter().find(|p| any_parent.matches(p)).cloned().unwrap_or(direct)
    }
}

/// The trailers of a commit that applies an audit event: the event's id and time.
pub const EVENT_ID_TRAILER: &str = "Segment-Event-Id";
pub const EVENT_TIME_TRAILER: &str = "Segment-Event-Time";

/// What a full sync did to an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Added,
    Changed,
    Removed,
}

impl Change {
    fn verb(self) -> &'static str {
        match self {
            Change::Added => "created",
            Change::Changed => "modified",
            Change::Removed => "deleted",
        }
    }
}

/// How many objects a reconcile's message lists under each heading (the count line has them all).
const LISTED_PER_GROUP: usize = 500;

/// What a reconcile changed, as much as its message shows: how many objects under each
/// [`Change`], the first [`LISTED_PER_GROUP`] names of each in sorted order, and the first two
/// changes as they came — never every name of a 100k-object export.
#[derive(Debug, Default)]
pub struct Changes {
    counts: [usize; 3],
    smallest: [std::collections::BinaryHeap<String>; 3],
    first: Vec<(Change, String)>,
}

impl Changes {
    pub fn add(&mut self, c: Change, name: String) {
        let i = c as usize;
        self.counts[i] += 1;
        if self.first.len() < 2 {
            self.first.push((c, name.clone()));
        }
        self.smallest[i].push(name);
        if self.smallest[i].len() > LISTED_PER_GROUP {
            self.smallest[i].pop();
        }
    }
}

/// A full sync's commit message: "Full sync", the changed objects in the subject when there are
/// one or two; else a count line (`Full sync: 3 added, 8 changed, 1 removed`) and a body that
/// lists the objects under Added, Changed and Removed.
pub fn full_sync_message(changes: &Changes) -> String {
    let total: usize = changes.counts.iter().sum();
    match (total, changes.first.as_slice()) {
        (0, _) => "Full sync".to_string(),
        (1, [(c, one)]) => format!("Full sync: {one} {}", c.verb()),
        (2, [(c1, a), (c2, b)]) => format!("Full sync: {a} {}, {b} {}", c1.verb(), c2.verb()),
        _ => {
            let groups =
                [(Change::Added, "added", "Added"), (Change::Changed, "changed", "Changed"), (Change::Removed, "removed", "Removed")];
            let counts: Vec<String> = groups
                .iter()
                .filter_map(|(c, word, _)| {
                    let n = changes.counts[*c as usize];
                    (n > 0).then(|| format!("{n} {word}"))
                })
                .collect();
            let mut s = format!("Full sync: {}\n", counts.join(", "));
            for (c, _, title) in groups {
                let n = changes.counts[c as usize];
                if n == 0 {
                    continue;
                }
                s.push_str(&format!("\n{title}:\n"));
                for name in changes.smallest[c as usize].clone().into_sorted_vec() {
                    s.push_str(&format!("- {name}\n"));
                }
                if n > LISTED_PER_GROUP {
                    s.push_str(&format!("- … and {} more\n", n - LISTED_PER_GROUP));
                }
            }
            s.trim_end().to_string()
        }
    }
}

/// An RFC 3339 timestamp (`2026-01-02T03:04:05.678Z`) in a form git takes for author dates.
fn git_date(ts: &str) -> Option<String> {
    let base = ts.get(..19)?;
    base.contains('T').then(|| format!("{base} +0000"))
}

/// How many objects have a file among the owned paths (not the exporter's own files).
fn objects_in(owned: &BTreeSet<String>) -> u64 {
    const OWN: &[&str] = &["providers.tf", "variables.tf"];
    owned.iter().filter(|p| p.ends_with(".tf") && !OWN.contains(&p.rsplit('/').next().unwrap_or(p))).count() as u64
}

/// `<Kind> '<name>' (<id>) <verb> by <actor>`: the kind in one vocabulary whatever the feed's
/// phrase ("Integrations Modified" → `Destination '…' (…) modified`), the object as `named`
/// names it (from the workspace, or from its file once it is gone), else by kind and id (an
/// object gone before its file was written).
pub fn commit_message(ev: &AuditEvent, type_name: &str, named: Option<&str>, import_id: &str) -> String {
    let verb = ev.kind.rsplit(' ').next().unwrap_or("modified").to_ascii_lowercase();
    let object = named.map_or_else(|| format!("{} {import_id}", snapshot::noun(type_name)), str::to_string);
    format!("{object} {verb} by {}", ev.actor)
}

/// The commit author for an event's actor: the person's email, or a no-reply address for tokens.
pub fn author_of(ev: &AuditEvent) -> Person {
    match &ev.actor_email {
        Some(e) => Person { name: e.clone(), email: e.clone() },
        None => {
            let slug: String = ev.actor.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
            let slug = slug.trim_matches('-').split('-').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-");
            // git trims quotes at the ends of names, so they are left out of the author name.
            Person { name: ev.actor.replace(['\'', '"'], ""), email: format!("{slug}@noreply.segsync.invalid") }
        }
    }
}

fn backoff(attempt: u32) -> Duration {
    let base = 200u64 * (1 << attempt.min(5));
    let jitter =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| u64::from(d.subsec_millis())).unwrap_or(0) % base.max(1);
    Duration::from_millis(base / 2 + jitter / 2)
}

/// The default working copy of an export: one per remote, branch and path, so two exports into
/// one repository never share a working copy. The name is readable and ends in a hash of all
/// three, so names that read alike after folding cannot collide.
pub fn default_workdir(repo: &str, branch: &str, path: &str) -> PathBuf {
    let base = std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let readable: String =
        format!("{repo}_{branch}_{}", path.trim_matches('/')).chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    // FNV-1a: stable across releases and platforms (the standard hasher promises neither).
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in [repo, branch, path.trim_matches('/')].join("\0").bytes() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    base.join("segsync-export").join(format!("{readable}-{:08x}", hash as u32))
}

#[cfg(test)]
mod tests {
    use super::{default_workdir, full_sync_message, Change, Changes};

    #[test]
    fn a_reconcile_message_counts_everything_and_lists_by_change() {
        let mut one = Changes::default();
        one.add(Change::Changed, "Source 'a' (1)".into());
        assert_eq!(full_sync_message(&one), "Full sync: Source 'a' (1) modified");
        one.add(Change::Removed, "Source 'b' (2)".into());
        assert_eq!(full_sync_message(&one), "Full sync: Source 'a' (1) modified, Source 'b' (2) deleted");
        let mut changes = Changes::default();
        // Seen in no particular order; listed sorted, the first 500.
        for i in (0..1200).rev() {
            changes.add(Change::Added, format!("Label 'k:{:04}' (k:{:04})", (i * 7) % 1200, (i * 7) % 1200));
        }
        changes.add(Change::Removed, "Source 'old' (9)".into());
        let m = full_sync_message(&changes);
        let lines: Vec<&str> = m.lines().collect();
        assert_eq!(lines[0], "Full sync: 1200 added, 1 removed");
        assert_eq!(lines[2], "Added:");
        assert_eq!(lines[3], "- Label 'k:0000' (k:0000)");
        assert_eq!(lines[502], "- Label 'k:0499' (k:0499)");
        assert_eq!(lines.iter().filter(|l| l.starts_with("- Label")).count(), 500);
        assert!(m.contains("- … and 700 more\n\nRemoved:\n- Source 'old' (9)"), "{m}");
    }

    #[test]
    fn default_workdirs_differ_by_branch_and_path() {
        let a = default_workdir("ssh://git@host/repo.git", "main", "");
        assert_ne!(a, default_workdir("ssh://git@host/repo.git", "prod", ""));
        assert_ne!(a, default_workdir("ssh://git@host/repo.git", "main", "segment"));
        // Folding makes these read alike; the hash keeps them apart.
        assert_ne!(default_workdir("a/b", "main", ""), default_workdir("a_b", "main", ""));
        assert_eq!(a, default_workdir("ssh://git@host/repo.git", "main", "/"));
    }
}
