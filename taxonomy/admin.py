from django.contrib import admin

from .models import Beroep, Skill, Tekort


@admin.register(Tekort)
class TekortAdmin(admin.ModelAdmin):
    """The shortage table: a beheerder corrects a figure here (the next import of
    taxonomy/data/tekorten.csv replaces the table)."""

    list_display = ["beroep", "region", "spanning", "krimpsector", "measured_on", "source"]
    list_filter = ["spanning", "krimpsector", "region"]
    list_select_related = ["beroep", "region"]
    search_fields = ["beroep__label_nl", "source"]
    autocomplete_fields = ["beroep"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    """Skills; a curator adds synonyms (one per line) so people find them in their words."""

    list_display = ["label_nl", "kind", "code"]
    list_filter = ["kind"]
    search_fields = ["label_nl", "label_en", "alt_labels", "code"]
    fields = ["code", "label_nl", "label_en", "kind", "alt_labels", "esco_uri", "sectors"]


@admin.register(Beroep)
class BeroepAdmin(admin.ModelAdmin):
    list_display = ["label_nl", "sector", "niveau", "code"]
    list_filter = ["sector", "niveau"]
    search_fields = ["label_nl", "code"]
    fields = ["code", "label_nl", "label_en", "sector", "niveau", "esco_uri"]
