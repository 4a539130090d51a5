#!/usr/bin/env bash
# file_issues.sh: files the GitHub issues of this e2e-triage analysis with the gh CLI.
#
# This script is fixed code written by e2e-triage. It contains no data from the batch: every title, body
# and label is read at run time from the issues/*.md files beside it, and is only ever passed to gh as an
# argument or a --body-file, never evaluated.
#
# Usage: bash file_issues.sh --help (try --dry-run first).
#
# Order: labels first (gh issue create fails on a missing label), then the epic (issues/epic.md), then one
# issue per file, then one comment on each known issue this batch met again (issues/known/*.md), then a
# comment on the epic listing them, then the analysis comment (epic-analysis.md).
# Resumable: each filed issue and comment is recorded in .file_issues.state beside this script, and an issue
# or comment whose fingerprint already exists on GitHub is not posted again, so a re-run never files twice.
set -euo pipefail

# Empty arrays under `set -u` (no --repo given) need bash 4.4: say so rather than fail on the first one.
if ((BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] < 404)); then
  printf 'file_issues.sh: needs bash 4.4 or later, not %s (on macOS: brew install bash, then run it with that bash)\n' "$BASH_VERSION" >&2
  exit 2
fi

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ISSUES_DIR="$SCRIPT_DIR/issues"
STATE_FILE="$SCRIPT_DIR/.file_issues.state"
DRY_RUN=false
DELAY=3
RETRY_WAIT=60
MAX_TRIES=4
REPO_ARGS=()

die() {
  printf 'file_issues.sh: %s\n' "$1" >&2
  exit 2
}

usage() {
  cat <<'USAGE'
Usage: bash file_issues.sh [--dry-run] [--repo OWNER/NAME] [--delay SECONDS] [--retry-wait SECONDS]

Files the issues of this analysis with the gh CLI: labels, then the epic (issues/epic.md), then one issue
per file in issues/, then one comment on each known issue seen again (issues/known/), then a comment on the
epic listing them and the analysis comment.

  --dry-run            print the labels, titles, files and labels per issue; make no gh call
  --repo OWNER/NAME    the repository to file in (passed to gh as --repo); default: gh's own choice
  --delay SECONDS      wait between two issues (default 3), to stay under GitHub's secondary rate limit
  --retry-wait SECONDS first wait after a rate-limit answer (default 60), doubled on each retry, 4 tries
  -h, --help           this text

Re-running is safe: filed issues and comments are recorded in .file_issues.state beside this script, and an
issue or comment whose fingerprint is already on GitHub is not posted again.
USAGE
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --dry-run) DRY_RUN=true ;;
    --repo)
      [[ $# -ge 2 && "$2" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] || die "--repo needs OWNER/NAME"
      REPO_ARGS=(--repo "$2")
      shift
      ;;
    --delay)
      [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "--delay needs a whole number of seconds"
      DELAY="$2"
      shift
      ;;
    --retry-wait)
      [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "--retry-wait needs a whole number of seconds"
      RETRY_WAIT="$2"
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
  shift
done

[[ -f "$ISSUES_DIR/epic.md" ]] || die "no issues/epic.md beside this script"

WORK_DIR="$(mktemp -d)"
trap 'rm -rf "$WORK_DIR"' EXIT
ERR_FILE="$WORK_DIR/stderr"
BODY_FILE="$WORK_DIR/body.md"

# The title is the first line without its '# '.
title_of() {
  local first=''
  IFS= read -r first <"$1" || true
  printf '%s' "${first#\# }"
}

# A hidden marker line's value (fingerprint, labels, summary), or nothing. Only the header counts: the
# marker lines right after the title, so nothing further down a body can pose as one.
marker_of() {
  local key="$1" file="$2" line
  {
    IFS= read -r line || return 0
    while IFS= read -r line && [[ "$line" == "<!-- e2e-triage:"*" -->" ]]; do
      if [[ "$line" == "<!-- e2e-triage:$key="*" -->" ]]; then
        line="${line#"<!-- e2e-triage:$key="}"
        printf '%s' "${line% -->}"
        return 0
      fi
    done
  } <"$file"
}

labels_of() {
  local raw label
  raw="$(marker_of labels "$1")"
  local -a parts=()
  IFS=, read -r -a parts <<<"$raw"
  for label in "${parts[@]}"; do
    if [[ "$label" =~ ^[A-Za-z0-9\ _.:-]{1,50}$ ]]; then
      printf '%s\n' "$label"
    fi
  done
}

# The body: the file without its title line and its labels and summary markers (the fingerprint stays, so a
# later run can find the issue).
body_of() {
  awk 'NR == 1 { next }
    head && /^<!-- e2e-triage:(labels|summary)=.* -->$/ { next }
    head && /^<!-- e2e-triage:[a-z-]+=.* -->$/ { print; next }
    { head = 0; print }' head=1 "$1" >"$BODY_FILE"
}

# The number recorded for a file in the state file, or nothing.
recorded() {
  [[ -f "$STATE_FILE" ]] || return 0
  KEY="$1" awk -F '\t' '$1 == ENVIRON["KEY"] { print $2; exit }' "$STATE_FILE"
}

record() {
  printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$STATE_FILE"
}

# Runs gh; retries with a growing wait when GitHub answers with a (secondary) rate limit.
run_gh() {
  local attempt=1 wait="$RETRY_WAIT"
  while true; do
    if gh "$@" 2>"$ERR_FILE"; then
      return 0
    fi
    if ((attempt < MAX_TRIES)) && grep -qiE 'secondary rate limit|rate limit|abuse|submitted too quickly|HTTP 429' "$ERR_FILE"; then
      printf 'GitHub rate limit; waiting %ss before retry %s of %s\n' "$wait" "$attempt" "$((MAX_TRIES - 1))" >&2
      sleep "$wait"
      wait=$((wait * 2))
      attempt=$((attempt + 1))
      continue
    fi
    return 1
  done
}

fail_gh() {
  printf 'file_issues.sh: gh failed while %s:\n' "$1" >&2
  cat "$ERR_FILE" >&2
  printf 'Nothing filed so far is lost: run the script again to continue where it stopped.\n' >&2
  exit 1
}

label_color() {
  case "$1" in
    framework-bug) printf 'd73a4a' ;;
    infrastructure) printf 'fbca04' ;;
    model-failure) printf '5319e7' ;;
    masked-pass) printf '0e8a16' ;;
    epic) printf '3e4b9e' ;;
    *) printf 'ededed' ;;
  esac
}

# Issue files: everything in issues/ but the epic and its comment, in a stable order.
ISSUE_FILES=()
while IFS= read -r -d '' file; do
  ISSUE_FILES+=("$file")
done < <(find "$ISSUES_DIR" -maxdepth 1 -type f -name '*.md' ! -name 'epic.md' ! -name 'epic-analysis.md' -print0 | LC_ALL=C sort -z)

# Comments on known issues: issues/known/<rule id>.md, each naming its issue in a comment-on marker.
KNOWN_FILES=()
if [[ -d "$ISSUES_DIR/known" ]]; then
  while IFS= read -r -d '' file; do
    KNOWN_FILES+=("$file")
  done < <(find "$ISSUES_DIR/known" -maxdepth 1 -type f -name '*.md' -print0 | LC_ALL=C sort -z)
fi

# The issue number and repository a known-issue comment goes to, checked: nothing else reaches gh. Called as
# `target="$(known_target FILE)"`: its die ends the script there (in a here-string it would not).
known_target() {
  local file="$1" number repo
  number="$(marker_of comment-on "$file")"
  repo="$(marker_of comment-repo "$file")"
  [[ "$number" =~ ^[0-9]{1,9}$ ]] || die "issues/known/$(basename "$file") names no issue number"
  [[ -z "$repo" || "$repo" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] || die "issues/known/$(basename "$file") names a bad repository"
  printf '%s %s' "$number" "$repo"
}

# Every comment's target checked before anything is filed.
for file in "${KNOWN_FILES[@]}"; do
  target="$(known_target "$file")"
done

ALL_LABELS=()
while IFS= read -r label; do
  ALL_LABELS+=("$label")
done < <(for file in "$ISSUES_DIR/epic.md" "${ISSUE_FILES[@]}"; do labels_of "$file"; done | LC_ALL=C sort -u)

if [[ "$DRY_RUN" == true ]]; then
  printf 'Dry run: nothing will be filed.%s\n' "${REPO_ARGS[1]:+ Repository: ${REPO_ARGS[1]}.}"
  printf '\nLabels to create if missing:\n'
  for label in "${ALL_LABELS[@]}"; do
    printf '  %s\n' "$label"
  done
  printf '\nEpic: %s\n  file: issues/epic.md\n' "$(title_of "$ISSUES_DIR/epic.md")"
  printf '\n%s issues:\n' "${#ISSUE_FILES[@]}"
  for file in "${ISSUE_FILES[@]}"; do
    status=''
    number="$(recorded "$(basename "$file")")"
    [[ -n "$number" ]] && status=" (already filed as #$number)"
    printf '  %s%s\n    file: issues/%s\n    labels: %s\n' "$(title_of "$file")" "$status" "$(basename "$file")" "$(labels_of "$file" | paste -sd, -)"
  done
  if ((${#KNOWN_FILES[@]} > 0)); then
    printf '\n%s comments on known issues seen again:\n' "${#KNOWN_FILES[@]}"
    for file in "${KNOWN_FILES[@]}"; do
      target="$(known_target "$file")"
      read -r number repo <<<"$target"
      status=''
      [[ -n "$(recorded "known/$(basename "$file")")" ]] && status=' (already posted)'
      printf '  on %s#%s%s\n    file: issues/known/%s\n' "${repo:-${REPO_ARGS[1]:-}}" "$number" "$status" "$(basename "$file")"
    done
  fi
  printf '\nThen: a comment on the epic listing every issue, and the analysis comment (issues/epic-analysis.md).\n'
  exit 0
fi

command -v gh >/dev/null 2>&1 || die "the gh CLI is needed (https://cli.github.com)"

for label in "${ALL_LABELS[@]}"; do
  if run_gh label create "$label" --color "$(label_color "$label")" --description "Filed by e2e-triage" "${REPO_ARGS[@]}" >/dev/null; then
    printf 'Created label %s\n' "$label"
  elif grep -qi 'already exists' "$ERR_FILE"; then
    printf 'Label %s already exists\n' "$label"
  else
    fail_gh "creating label $label"
  fi
done

# Files one issue (or finds it already filed) and prints its number.
file_issue() {
  local file="$1" key number url fingerprint title
  key="$(basename "$file")"
  number="$(recorded "$key")"
  if [[ -n "$number" ]]; then
    printf 'Already filed: #%s (%s)\n' "$number" "$key" >&2
    printf '%s' "$number"
    return 0
  fi
  fingerprint="$(marker_of fingerprint "$file")"
  if [[ "$fingerprint" =~ ^[0-9a-f]{8,64}$ ]]; then
    # The search finds the text anywhere in a body, a quoted error included: only an issue whose body opens
    # with the marker, as this script files them, is taken for this one.
    run_gh issue list "${REPO_ARGS[@]}" --state all --search "e2e-triage:fingerprint=$fingerprint in:body" --json number,body \
      --jq "[.[] | select(.body | startswith(\"<!-- e2e-triage:fingerprint=$fingerprint -->\")) | .number][0] // empty" >"$WORK_DIR/found" || fail_gh "searching for $key"
    number="$(tr -dc '0-9' <"$WORK_DIR/found")"
    if [[ -n "$number" ]]; then
      record "$key" "$number" "existing"
      printf 'Already in the repository: #%s (%s)\n' "$number" "$key" >&2
      printf '%s' "$number"
      return 0
    fi
  fi
  title="$(title_of "$file")"
  [[ -n "$title" ]] || die "$key has no title line"
  body_of "$file"
  local label_args=()
  while IFS= read -r label; do
    label_args+=(--label "$label")
  done < <(labels_of "$file")
  run_gh issue create "${REPO_ARGS[@]}" --title "$title" --body-file "$BODY_FILE" "${label_args[@]}" >"$WORK_DIR/out" || fail_gh "creating the issue for $key"
  url="$(tail -n 1 "$WORK_DIR/out")"
  number="${url##*/}"
  [[ "$number" =~ ^[0-9]+$ ]] || die "could not read the issue number from gh's answer for $key"
  record "$key" "$number" "$url"
  printf 'Filed #%s: %s\n' "$number" "$url" >&2
  printf '%s' "$number"
  sleep "$DELAY"
}

EPIC="$(file_issue "$ISSUES_DIR/epic.md")"

LIST_FILE="$WORK_DIR/list.md"
printf '## Issues filed for this batch\n\n' >"$LIST_FILE"
for file in "${ISSUE_FILES[@]}"; do
  number="$(file_issue "$file")"
  printf -- '- #%s %s\n' "$number" "$(marker_of summary "$file")" >>"$LIST_FILE"
done

# One comment on a known issue per batch: skipped when recorded, or when the issue already has a comment
# with this fingerprint (posted from another copy of this folder).
comment_known() {
  local file="$1" key number repo fingerprint api_repo
  key="known/$(basename "$file")"
  if [[ -n "$(recorded "$key")" ]]; then
    printf 'Already commented: %s\n' "$key" >&2
    return 0
  fi
  local target
  target="$(known_target "$file")"
  read -r number repo <<<"$target"
  local target_args=("${REPO_ARGS[@]}")
  [[ -n "$repo" ]] && target_args=(--repo "$repo")
  # gh fills {owner}/{repo} from --repo's absence: GH_REPO or the current folder's remote.
  local placeholder='{owner}/{repo}'
  api_repo="${repo:-${REPO_ARGS[1]:-$placeholder}}"
  fingerprint="$(marker_of fingerprint "$file")"
  if [[ "$fingerprint" =~ ^[0-9a-f]{8,64}$ ]]; then
    run_gh api --paginate "repos/$api_repo/issues/$number/comments" --jq '.[].body' >"$WORK_DIR/found" || fail_gh "reading the comments of #$number"
    if grep -qF "e2e-triage:fingerprint=$fingerprint" "$WORK_DIR/found"; then
      record "$key" "$number" "existing"
      printf 'Already on #%s: %s\n' "$number" "$key" >&2
      return 0
    fi
  fi
  body_of "$file"
  # The epic is in this repository: link it when the known issue is too.
  [[ -z "$repo" ]] && printf '\nThis batch: #%s\n' "$EPIC" >>"$BODY_FILE"
  run_gh issue comment "$number" "${target_args[@]}" --body-file "$BODY_FILE" >"$WORK_DIR/out" || fail_gh "commenting on known issue #$number"
  record "$key" "$number" "$(tail -n 1 "$WORK_DIR/out")"
  printf 'Commented on known issue %s#%s\n' "$repo" "$number" >&2
  sleep "$DELAY"
}

for file in "${KNOWN_FILES[@]}"; do
  comment_known "$file"
  target="$(known_target "$file")"
  read -r number repo <<<"$target"
  printf -- '- %s#%s %s\n' "$repo" "$number" "$(marker_of summary "$file")" >>"$LIST_FILE"
done

# A comment on the epic, once: skipped when recorded, or when the epic already has a comment that opens with
# this comment's marker (posted from another copy of this folder).
comment_once() {
  local key="$1" kind="$2" body="$3" fingerprint marker api_repo
  [[ -n "$(recorded "$key")" ]] && return 0
  fingerprint="$(marker_of fingerprint "$ISSUES_DIR/epic.md")"
  if [[ "$fingerprint" =~ ^[0-9a-f]{8,64}$ ]]; then
    marker="<!-- e2e-triage:epic-comment=$fingerprint-$kind -->"
    local placeholder='{owner}/{repo}'
    api_repo="${REPO_ARGS[1]:-$placeholder}"
    run_gh api --paginate "repos/$api_repo/issues/$EPIC/comments" --jq '.[].body | split("\n")[0]' >"$WORK_DIR/found" || fail_gh "reading the comments of the epic #$EPIC"
    if grep -qxF -- "$marker" "$WORK_DIR/found"; then
      record "$key" "$EPIC" "existing"
      printf 'Already on the epic #%s: the %s comment\n' "$EPIC" "$kind" >&2
      return 0
    fi
    { printf '%s\n' "$marker"; cat "$body"; } >"$BODY_FILE"
  else
    cat "$body" >"$BODY_FILE"
  fi
  run_gh issue comment "$EPIC" "${REPO_ARGS[@]}" --body-file "$BODY_FILE" >"$WORK_DIR/out" || fail_gh "commenting on the epic"
  record "$key" "$EPIC" "$(tail -n 1 "$WORK_DIR/out")"
  printf 'Commented on the epic #%s\n' "$EPIC" >&2
}

comment_once '#epic-comment-list' list "$LIST_FILE"
if [[ -f "$ISSUES_DIR/epic-analysis.md" ]]; then
  comment_once '#epic-comment-analysis' analysis "$ISSUES_DIR/epic-analysis.md"
fi
printf 'Done: epic #%s, %s issues and %s known-issue comments.\n' "$EPIC" "${#ISSUE_FILES[@]}" "${#KNOWN_FILES[@]}"
