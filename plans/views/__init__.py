"""Plan pages, one module per concern. Every plan is looked up through ``plans_visible_to``;
changes need ``plans.change_plan`` on the plan (secretariat or administrator of its unit)."""
