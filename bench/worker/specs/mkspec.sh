#!/bin/bash
# mkspec.sh model domain ratio tokens lr   (paths under $RUN_DIR, default cmr-run relative to where bin/worker runs)
# Writes <trialId>.json in the nested form of io.cmrsweep.core.trial.TrialSpec; EVALS=[...] sets training.evalTokens.
m=$1; d=$2; r=$3; tok=$4; lr=$5
if [ $m = m0 ]; then shape='{"label":"m0","dim":64,"layers":2,"heads":4,"ffnDim":176,"context":128,"vocab":256}'; else shape='{"label":"m1","dim":128,"layers":4,"heads":4,"ffnDim":344,"context":128,"vocab":256}'; fi
id="cpt-$m-$d-r$r"
run="${RUN_DIR:-cmr-run}"
cat > $id.json <<EOT
{"identity":{"sweep":"tiny","trialId":"$id","kind":"CPT","attempt":1},
 "model":$shape,
 "data":{"generalCorpus":"brown","domain":"$d","ratio":$r,"validationTokens":32768},
 "training":{"seed":1,"tokens":$tok,"batchSize":16,"peakLr":$lr,"warmupTokens":20480,"evalTokens":${EVALS:-[]}},
 "paths":{"baseCheckpoint":"$run/checkpoints/$m/base","workDir":"$run/work/$id","lossFile":"$run/losses/domain=$d/model=$m/$id.parquet"},
 "runtime":{"threads":1}}
EOT
echo $id
