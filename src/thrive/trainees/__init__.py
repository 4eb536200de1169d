"""Store app: the pipeline before qualifying: social work students on placement with the
council, and its apprentices and sponsored trainees. Models, admin and migrations only."""
