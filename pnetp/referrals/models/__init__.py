from .atendimento import AccessLog, Atendimento, Hearing, ServiceReceived
from .choices import (
    PROFILE_SECTIONS,
    AtendimentoStatus,
    ClosureReason,
    ConsentHow,
    IdentificationRoute,
    Purpose,
    RiskLevel,
    Section,
    SharingProfile,
    VictimStatus,
)
from .consent import Consent
from .flows import FlowStage, FlowTemplate
from .referral import ACTIVE, ANSWERED, UNANSWERED, Referral, ReferralTransition, RefusalReason, State

__all__ = [
    "ACTIVE",
    "ANSWERED",
    "PROFILE_SECTIONS",
    "UNANSWERED",
    "AccessLog",
    "Atendimento",
    "AtendimentoStatus",
    "ClosureReason",
    "Consent",
    "ConsentHow",
    "FlowStage",
    "FlowTemplate",
    "Hearing",
    "IdentificationRoute",
    "Purpose",
    "Referral",
    "ReferralTransition",
    "RefusalReason",
    "RiskLevel",
    "Section",
    "ServiceReceived",
    "SharingProfile",
    "State",
    "VictimStatus",
]
