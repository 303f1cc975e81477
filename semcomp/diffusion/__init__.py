"""Policy diffusion across levels of government: when a phrase first appears at each level and how
regions took it up (``uptake``), and how much of a local report echoes its superiors (``echo``)."""

from semcomp.diffusion.echo import Echo, EchoCell, echo_panel, echoes
from semcomp.diffusion.phrases import Occurrence
from semcomp.diffusion.uptake import Adoption, Diffusion, DiffusionError, Mode, Tier, diffusion

__all__ = ["Adoption", "Diffusion", "DiffusionError", "Echo", "EchoCell", "Mode", "Occurrence", "Tier", "diffusion", "echo_panel", "echoes"]
